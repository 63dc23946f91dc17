-- The test runner itself (tests/sqltest.c): statement boundaries after a
-- statement that fails to prepare, and equality of empty values.

CREATE TABLE runner_log(step TEXT);

-- A statement that fails to prepare and holds ';' in a string literal and
-- in a trigger body: the runner resumes after its real end, so none of its
-- text runs as a statement of its own.
-- error: no such function: no_such_function
SELECT no_such_function('a;b'), 'INSERT INTO runner_log VALUES (''leaked'');';

-- error: no such table: main.no_such_table
CREATE TRIGGER runner_trigger AFTER INSERT ON no_such_table BEGIN
  INSERT INTO runner_log VALUES ('leaked');
  INSERT INTO runner_log VALUES ('leaked again');
END;

INSERT INTO runner_log VALUES ('after');
SELECT 'only the statement after the failures ran',
       (SELECT group_concat(step, ',') FROM runner_log), 'after';

-- Empty values are equal: an empty blob's bytes are a null pointer.
SELECT 'empty blobs', x'', x'';
SELECT 'empty texts', '', '';
SELECT 'empty text and empty blob compare as bytes', '', x'';
