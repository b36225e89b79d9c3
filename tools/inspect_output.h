// Rendering `gazette inspect` results as text (for people) or JSON (for
// programs). libgazette returns the structs; only tools/ prints.
#ifndef GAZETTE_TOOLS_INSPECT_OUTPUT_H_
#define GAZETTE_TOOLS_INSPECT_OUTPUT_H_

#include <nlohmann/json.hpp>

#include <ostream>
#include <string>
#include <vector>

#include "gazette/check.h"
#include "gazette/inspect.h"

namespace gazette::cli {

// Indented JSON; invalid UTF-8 (from damaged data) is replaced, not fatal.
std::string DumpJson(const nlohmann::ordered_json& json);

// "1.5 MB": sizes for people.
std::string HumanBytes(std::uint64_t bytes);

void WriteStatsText(const IndexStats& stats, std::ostream& out);
nlohmann::ordered_json StatsJson(const IndexStats& stats);

void WriteDocumentText(const DocumentDetails& doc, std::ostream& out);
nlohmann::ordered_json DocumentJson(const DocumentDetails& doc);

void WriteEntitiesText(const std::vector<EntityRow>& rows, std::ostream& out);
nlohmann::ordered_json EntitiesJson(const std::vector<EntityRow>& rows);

void WriteCheckText(const CheckReport& report, std::ostream& out);
nlohmann::ordered_json CheckJson(const CheckReport& report);

}  // namespace gazette::cli

#endif  // GAZETTE_TOOLS_INSPECT_OUTPUT_H_
