# cmake -DOUT=<file.cc> -DSQL_FILES=<a;b;...> -P EmbedMigrations.cmake
# Writes the migration SQL into the binary so a server or image never needs
# the source tree to bring a database up to date.
list(SORT SQL_FILES)
set(body "")
foreach(f IN LISTS SQL_FILES)
  get_filename_component(name "${f}" NAME)
  if(NOT name MATCHES "^([0-9]+)_[a-z0-9_]+\\.sql$")
    message(FATAL_ERROR "migration file name must be NNNN_name.sql: ${name}")
  endif()
  math(EXPR version "${CMAKE_MATCH_1}")
  file(READ "${f}" sql)
  string(FIND "${sql}" ")compdata_sql\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${name} contains the raw-string delimiter")
  endif()
  string(APPEND body "    {${version}, \"${name}\", R\"compdata_sql(${sql})compdata_sql\"},\n")
endforeach()
file(WRITE "${OUT}.tmp" "// Generated from db/migrations/*.sql by cmake/EmbedMigrations.cmake.
#include \"db/embedded_migrations.h\"

namespace compdata::db {

const std::vector<Migration>& EmbeddedMigrations() {
  static const std::vector<Migration>* migrations = new std::vector<Migration>{
${body}  };
  return *migrations;
}

}  // namespace compdata::db
")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
