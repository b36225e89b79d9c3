// Helpers shared by the subcommands: default paths and terminal detection.
#include <unistd.h>

#include <cstdlib>

#include "commands.h"

namespace gazette::cli {

std::string DefaultDatabasePath() {
  if (const char* env = std::getenv("GAZETTE_DB"); env && *env) return env;
  if (const char* data = std::getenv("XDG_DATA_HOME"); data && *data)
    return std::string(data) + "/gazette/db";
  const char* home = std::getenv("HOME");
  return std::string(home ? home : ".") + "/.local/share/gazette/db";
}

bool GlobalOptions::ColorStdout() const {
  switch (color) {
    case ColorMode::kAlways: return true;
    case ColorMode::kNever: return false;
    case ColorMode::kAuto: break;
  }
  const char* no_color = std::getenv("NO_COLOR");
  return isatty(STDOUT_FILENO) && !(no_color && *no_color);
}

}  // namespace gazette::cli
