# cpack.cmake -- Debian packages from the install rules (CMakeLists.txt):
#   cmake -S . -B build-pkg -DCMAKE_INSTALL_PREFIX=/usr -DBUILD_TESTING=OFF
#   cmake --build build-pkg && (cd build-pkg && cpack -G DEB)
# makes two packages, as a distribution splits them:
#   csmetrics_<version>_<arch>.deb      the loadable module, the SQL files, the docs
#   csmetrics-dev_<version>_<arch>.deb  the static library, the headers, csmetrics.pc
# tests/packaging/run.sh builds, installs, uses and removes them.
set(CPACK_PACKAGE_NAME csmetrics)
set(CPACK_PACKAGE_VENDOR "csmetrics")
set(CPACK_PACKAGE_CONTACT "csmetrics maintainers <csmetrics@localhost>")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_STRIP_FILES ON)
set(CPACK_COMPONENTS_ALL Runtime Development)

set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION database)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME csmetrics)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_RECOMMENDS "sqlite3")
set(CPACK_DEBIAN_RUNTIME_DESCRIPTION
    "SQLite extension for customer-success analytics\n\
Health scores, usage velocity, cohort retention, check-in impact, portfolio\n\
KPIs and health-model validation as SQL functions and tables, loaded into\n\
the sqlite3 shell or any application with load_extension(); plus the SQL\n\
model and reports.")
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_NAME csmetrics-dev)
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_DEPENDS
    "csmetrics (= ${PROJECT_VERSION}), libsqlite3-dev")
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_DEVELOPMENT_DESCRIPTION
    "SQLite extension for customer-success analytics (static library)\n\
libcsmetrics.a (the extension compiled with -DSQLITE_CORE), csmetrics.h and\n\
csmetrics.pc, for linking the extension into an application.")
include(CPack)
