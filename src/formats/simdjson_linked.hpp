// simdjson, for the code that may use it. Including simdjson.h directly compiles, but in a
// target that does not link statuslint_simdjson it misses the package's compile definitions
// (SIMDJSON_THREADS_ENABLED), which change dom::parser's layout: two layouts of one inline
// class in one program, and the parser one file built is misread by another. This header
// turns that mistake into a build error that names the fix.
#pragma once

#ifndef STATUSLINT_SIMDJSON_LINKED
#error "this target includes simdjson without linking statuslint_simdjson (CMakeLists.txt); link it"
#endif

#include <simdjson.h>
