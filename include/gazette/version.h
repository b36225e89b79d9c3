// The version of gazette, from meson.build.
#ifndef GAZETTE_VERSION_H_
#define GAZETTE_VERSION_H_

#include <string_view>

namespace gazette {
std::string_view Version();
}  // namespace gazette

#endif  // GAZETTE_VERSION_H_
