// csm-dqlite -- one dqlite node with csmetrics built in, and a client that
// runs SQL on the cluster's leader.
//
//	csm-dqlite node -dir DIR -address 127.0.0.1:9001 [-join 127.0.0.1:9002,...] [-no-extension]
//	csm-dqlite sql -servers 127.0.0.1:9001,127.0.0.1:9002 [-db csmetrics] [-f FILE]... [SQL]...
//	csm-dqlite leader -servers ...     prints the leader's address
//	csm-dqlite cluster -servers ...    prints each member: id address role
//	csm-dqlite transfer -servers ... ADDRESS   makes the member at ADDRESS lead
//
// The node registers sqlite3_csmetrics_init with sqlite3_auto_extension, so
// every connection dqlite opens -- on whichever node leads -- has the
// functions and virtual tables. Membership is go-dqlite's app package: the
// first node (no -join) bootstraps the cluster, later ones join through any
// member and are promoted to voters (three by default). SIGPIPE is ignored:
// a write to a peer that died must be an error, not the end of this node.
// SIGINT or SIGTERM hands leadership over and stops the node; kill -9 is the
// failure the cluster test simulates.
//
// The sql command reads statements like the sqlite3 shell: from each -f
// file, then from each argument, split with sqlite3_complete. It prints rows
// as the shell's list mode does (values joined by '|'; a REAL with 15
// significant digits, NULL as the .nullvalue text, empty by default) and
// understands the shell's .print, .headers and .nullvalue; .mode and .width are
// accepted and ignored (output is always list mode). Statements run in order
// on one connection to the leader, so TEMP tables of a report live across
// them. The first error stops it with exit status 1.
package main

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/canonical/go-dqlite/app"
	"github.com/canonical/go-dqlite/client"
	"github.com/canonical/go-dqlite/driver"
)

const usage = `usage:
  csm-dqlite node -dir DIR -address HOST:PORT [-join HOST:PORT,...] [-no-extension] [-verbose]
  csm-dqlite sql -servers HOST:PORT,... [-db NAME] [-timeout 60s] [-f FILE]... [SQL]...
  csm-dqlite leader -servers HOST:PORT,... [-timeout 10s]
  csm-dqlite cluster -servers HOST:PORT,... [-timeout 10s]
  csm-dqlite transfer -servers HOST:PORT,... [-timeout 10s] ADDRESS
`

func main() {
	// Ignore SIGPIPE before anything opens a socket.
	signal.Ignore(syscall.SIGPIPE)
	if len(os.Args) < 2 {
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "node":
		err = runNode(os.Args[2:])
	case "sql":
		err = runSQL(os.Args[2:])
	case "leader", "cluster", "transfer":
		err = runMembers(os.Args[1], os.Args[2:])
	default:
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "csm-dqlite %s: %v\n", os.Args[1], err)
		os.Exit(1)
	}
}

// listFlag collects a comma-separated list, or repeated occurrences.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error {
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*l = append(*l, s)
		}
	}
	return nil
}

// logTo prints dqlite's warnings and errors, and with verbose everything,
// to stderr with the time.
func logTo(verbose bool) client.LogFunc {
	return func(l client.LogLevel, format string, a ...interface{}) {
		if verbose || l >= client.LogWarn {
			fmt.Fprintf(os.Stderr, "%s %s: %s\n", time.Now().Format("15:04:05.000"), l, fmt.Sprintf(format, a...))
		}
	}
}

// runNode starts one node and serves until SIGINT or SIGTERM.
func runNode(args []string) error {
	fs := flag.NewFlagSet("node", flag.ExitOnError)
	dir := fs.String("dir", "", "data directory (created if missing)")
	address := fs.String("address", "", "HOST:PORT this node listens on and peers dial")
	var join listFlag
	fs.Var(&join, "join", "addresses of existing members (none: bootstrap a new cluster)")
	noExt := fs.Bool("no-extension", false, "do not register csmetrics (shows what a node without it does)")
	latency := fs.Duration("latency", 0, "one-way network latency dqlite tunes heartbeats and elections to (0: dqlite's default)")
	verbose := fs.Bool("verbose", false, "log dqlite's debug messages")
	fs.Parse(args)
	if *dir == "" || *address == "" || fs.NArg() != 0 {
		return errors.New("needs -dir and -address")
	}
	if !*noExt {
		if err := registerCsmetrics(); err != nil {
			return err
		}
	}
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		return err
	}
	options := []app.Option{app.WithAddress(*address), app.WithCluster(join),
		app.WithLogFunc(logTo(*verbose))}
	if *latency > 0 {
		options = append(options, app.WithNetworkLatency(*latency))
	}
	node, err := app.New(*dir, options...)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	err = node.Ready(ctx)
	cancel()
	if err != nil {
		node.Close()
		return fmt.Errorf("not ready: %w", err)
	}
	ext := "with csmetrics"
	if *noExt {
		ext = "WITHOUT csmetrics"
	}
	fmt.Printf("csm-dqlite: node %d at %s ready, %s\n", node.ID(), node.Address(), ext)

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGINT, syscall.SIGTERM)
	<-stop
	ctx, cancel = context.WithTimeout(context.Background(), 10*time.Second)
	if err := node.Handover(ctx); err != nil {
		fmt.Fprintf(os.Stderr, "csm-dqlite node: handover: %v\n", err)
	}
	cancel()
	return node.Close()
}

// nodeStore lists the members a client may ask for the leader.
func nodeStore(servers []string) (client.NodeStore, error) {
	if len(servers) == 0 {
		return nil, errors.New("needs -servers")
	}
	infos := make([]client.NodeInfo, len(servers))
	for i, s := range servers {
		infos[i].Address = s
	}
	store := client.NewInmemNodeStore()
	return store, store.Set(context.Background(), infos)
}

// runMembers prints the leader's address or every member and its role, or
// transfers leadership to the member at the address given.
func runMembers(cmd string, args []string) error {
	fs := flag.NewFlagSet(cmd, flag.ExitOnError)
	var servers listFlag
	fs.Var(&servers, "servers", "addresses of cluster members")
	timeout := fs.Duration("timeout", 10*time.Second, "give up after this long")
	fs.Parse(args)
	if (cmd == "transfer") != (fs.NArg() == 1) || fs.NArg() > 1 {
		return errors.New("transfer takes one address, leader and cluster none")
	}
	store, err := nodeStore(servers)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	cli, err := client.FindLeader(ctx, store)
	if err != nil {
		return fmt.Errorf("no leader: %w", err)
	}
	defer cli.Close()
	if cmd == "leader" {
		info, err := cli.Leader(ctx)
		if err != nil {
			return err
		}
		fmt.Println(info.Address)
		return nil
	}
	nodes, err := cli.Cluster(ctx)
	if err != nil {
		return err
	}
	if cmd == "transfer" {
		for _, n := range nodes {
			if n.Address == fs.Arg(0) {
				return cli.Transfer(ctx, n.ID)
			}
		}
		return fmt.Errorf("no member at %s", fs.Arg(0))
	}
	for _, n := range nodes {
		fmt.Printf("%d %s %s\n", n.ID, n.Address, n.Role)
	}
	return nil
}

// shell holds the sqlite3-shell settings the sql command honours.
type shell struct {
	out     *bufio.Writer
	headers bool
	null    string
}

// runSQL runs the statements of the -f files, then of the arguments, on the
// leader, through one connection.
func runSQL(args []string) error {
	fs := flag.NewFlagSet("sql", flag.ExitOnError)
	var servers, files listFlag
	fs.Var(&servers, "servers", "addresses of cluster members")
	fs.Var(&files, "f", "SQL file to run (repeatable)")
	dbName := fs.String("db", "csmetrics", "database name")
	timeout := fs.Duration("timeout", 60*time.Second, "give up after this long")
	fs.Parse(args)
	store, err := nodeStore(servers)
	if err != nil {
		return err
	}
	var inputs []string
	for _, f := range files {
		text, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		inputs = append(inputs, string(text))
	}
	inputs = append(inputs, fs.Args()...)

	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	// Wait for a leader as long as the whole command may take: during an
	// election there is none for a few seconds.
	drv, err := driver.New(store, driver.WithConnectionTimeout(*timeout))
	if err != nil {
		return err
	}
	sql.Register("csm-dqlite", drv)
	db, err := sql.Open("csm-dqlite", *dbName)
	if err != nil {
		return err
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("connect to leader: %w", err)
	}
	defer conn.Close()

	sh := &shell{out: bufio.NewWriter(os.Stdout)}
	defer sh.out.Flush()
	for _, input := range inputs {
		if err := sh.run(ctx, conn, input); err != nil {
			return err
		}
	}
	return nil
}

// piece is one unit of a script: a dot-command line or an SQL statement.
type piece struct {
	command bool   // a dot-command such as ".print hi"
	text    string // the command line, or the statement with its ';'
}

// splitScript cuts input as the sqlite3 shell reads it: a line starting
// with '.' where only "--" comments precede it since the last statement is
// a command; a statement ends at the ';' where sqlite3_complete first holds
// (so a ';' in a string or a trigger body does not end it); text with no
// SQL word (comments, a lone ';') is dropped.
func splitScript(input string) []piece {
	var pieces []piece
	var stmt strings.Builder
	add := func(text string) {
		if words, _ := topWords(text); len(words) > 0 {
			pieces = append(pieces, piece{text: text})
		}
	}
	for _, line := range strings.SplitAfter(input, "\n") {
		if strings.HasPrefix(line, ".") && onlyComments(stmt.String()) {
			stmt.Reset()
			pieces = append(pieces, piece{command: true, text: strings.TrimSpace(line)})
			continue
		}
		for {
			i := strings.IndexByte(line, ';')
			if i < 0 {
				stmt.WriteString(line)
				break
			}
			stmt.WriteString(line[:i+1])
			line = line[i+1:]
			if sqlComplete(stmt.String()) {
				add(stmt.String())
				stmt.Reset()
			}
		}
	}
	add(strings.TrimSpace(stmt.String()))
	return pieces
}

// run runs a script's commands and statements in order; the first error
// stops it.
func (sh *shell) run(ctx context.Context, conn *sql.Conn, input string) error {
	for _, p := range splitScript(input) {
		var err error
		if p.command {
			err = sh.command(p.text)
		} else {
			err = sh.statement(ctx, conn, p.text)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// onlyComments reports whether text holds nothing but SQL comments.
func onlyComments(text string) bool {
	for _, line := range strings.Split(text, "\n") {
		if l := strings.TrimSpace(line); l != "" && !strings.HasPrefix(l, "--") {
			return false
		}
	}
	return true
}

// command applies one dot-command.
func (sh *shell) command(line string) error {
	name, arg, _ := strings.Cut(line, " ")
	arg = strings.TrimSpace(arg)
	switch name {
	case ".print":
		fmt.Fprintln(sh.out, unquote(arg))
	case ".headers":
		sh.headers = arg == "on"
	case ".nullvalue":
		sh.null = unquote(arg)
	case ".mode", ".width":
	default:
		return fmt.Errorf("unsupported shell command %s", name)
	}
	return nil
}

// unquote strips one pair of surrounding single or double quotes.
func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '\'' || s[0] == '"') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1]
	}
	return s
}

// topWords returns the upper-cased words of text outside quotes, comments
// and parentheses, and whether a '=' occurs there.
func topWords(text string) (words []string, eq bool) {
	depth := 0
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case c == '-' && strings.HasPrefix(text[i:], "--"):
			if j := strings.IndexByte(text[i:], '\n'); j >= 0 {
				i += j
			} else {
				i = len(text)
			}
		case c == '/' && strings.HasPrefix(text[i:], "/*"):
			if j := strings.Index(text[i+2:], "*/"); j >= 0 {
				i += j + 4
			} else {
				i = len(text)
			}
		case c == '\'' || c == '"' || c == '`' || c == '[':
			end := c
			if c == '[' {
				end = ']'
			}
			if j := strings.IndexByte(text[i+1:], end); j >= 0 {
				i += j + 2
			} else {
				i = len(text)
			}
		case c == '(':
			depth++
			i++
		case c == ')':
			depth--
			i++
		case c == '=' && depth == 0:
			eq = true
			i++
		case c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			j := i + 1
			for j < len(text) && (text[j] == '_' || text[j] >= 'a' && text[j] <= 'z' ||
				text[j] >= 'A' && text[j] <= 'Z' || text[j] >= '0' && text[j] <= '9') {
				j++
			}
			if depth == 0 {
				words = append(words, strings.ToUpper(text[i:j]))
			}
			i = j
		default:
			i++
		}
	}
	return words, eq
}

// returnsRows tells a query from a write: dqlite runs the former with its
// QUERY request and the latter with EXEC, and refuses a write sent as a
// query. SELECT, VALUES and EXPLAIN return rows; a PRAGMA does unless it
// assigns; WITH is decided by the statement that follows its tables.
func returnsRows(text string) bool {
	words, eq := topWords(text)
	if len(words) == 0 {
		return false
	}
	switch words[0] {
	case "SELECT", "VALUES", "EXPLAIN":
		return true
	case "PRAGMA":
		return !eq
	case "WITH":
		for _, w := range words[1:] {
			switch w {
			case "SELECT", "VALUES":
				return true
			case "INSERT", "REPLACE", "UPDATE", "DELETE":
				return false
			}
		}
	}
	return false
}

// statement runs one statement and prints its rows.
func (sh *shell) statement(ctx context.Context, conn *sql.Conn, text string) error {
	if !returnsRows(text) {
		if _, err := conn.ExecContext(ctx, text); err != nil {
			return fmt.Errorf("%w\n  in: %s", err, firstLine(text))
		}
		return nil
	}
	rows, err := conn.QueryContext(ctx, text)
	if err != nil {
		return fmt.Errorf("%w\n  in: %s", err, firstLine(text))
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	if sh.headers && len(cols) > 0 {
		fmt.Fprintln(sh.out, strings.Join(cols, "|"))
	}
	values := make([]interface{}, len(cols))
	ptrs := make([]interface{}, len(cols))
	for i := range values {
		ptrs[i] = &values[i]
	}
	fields := make([]string, len(cols))
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		for i, v := range values {
			fields[i] = sh.format(v)
		}
		fmt.Fprintln(sh.out, strings.Join(fields, "|"))
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("%w\n  in: %s", err, firstLine(text))
	}
	return nil
}

// firstLine is the first line of a statement that is not a comment, to
// name the statement in an error.
func firstLine(text string) string {
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "--") {
			return l
		}
	}
	return ""
}

// format renders a value as sqlite3_column_text does: a REAL with 15
// significant digits and always a decimal point ("%!.15g").
func (sh *shell) format(v interface{}) string {
	switch x := v.(type) {
	case nil:
		return sh.null
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		if math.IsInf(x, 0) {
			if x > 0 {
				return "Inf"
			}
			return "-Inf"
		}
		s := strconv.FormatFloat(x, 'g', 15, 64)
		mant, exp, hasExp := strings.Cut(s, "e")
		if !strings.Contains(mant, ".") {
			mant += ".0"
		}
		if hasExp {
			return mant + "e" + exp
		}
		return mant
	case []byte:
		return string(x)
	case string:
		return x
	case time.Time:
		return x.UTC().Format("2006-01-02 15:04:05")
	case bool:
		if x {
			return "1"
		}
		return "0"
	}
	return fmt.Sprint(v)
}
