// Article <-> JSON. The order of keys is fixed so export output is byte-stable.
#include "gazette/article_json.h"

#include "gazette/problem.h"

namespace gazette {
namespace {

using ordered_json = nlohmann::ordered_json;

ordered_json MentionsToJson(const std::vector<Mention>& mentions) {
  ordered_json list = ordered_json::array();
  for (const Mention& m : mentions) {
    list.push_back(ordered_json{{"id", m.id},
                                {"name", m.name},
                                {"count", m.count},
                                {"first_offset", m.first_offset},
                                {"alias", m.alias}});
  }
  return list;
}

std::vector<Mention> MentionsFromJson(const nlohmann::json& list) {
  std::vector<Mention> mentions;
  for (const auto& item : list) {
    Mention m;
    m.id = item.at("id").get<std::string>();
    m.name = item.value("name", m.id);
    m.count = item.value("count", 1);
    m.first_offset = item.value("first_offset", std::size_t{0});
    m.alias = item.value("alias", std::string());
    mentions.push_back(std::move(m));
  }
  return mentions;
}

}  // namespace

ordered_json ArticleToJson(const Article& article) {
  ordered_json json;
  json["id"] = article.id;
  json["title"] = article.title;
  json["date"] = article.published ? ordered_json(article.published->Iso8601()) : ordered_json();
  if (article.published && article.published->utc_offset_minutes)
    json["utc_offset_minutes"] = *article.published->utc_offset_minutes;
  json["source"] = article.source;
  json["url"] = article.url;
  json["language"] = article.language;
  json["origin"] = article.origin;
  json["body"] = article.body;
  json["leaders"] = MentionsToJson(article.leaders);
  json["people"] = MentionsToJson(article.people);
  json["organizations"] = MentionsToJson(article.organizations);
  json["places"] = MentionsToJson(article.places);
  json["mentioned_dates"] = article.mentioned_dates;
  return json;
}

Article ArticleFromJson(const nlohmann::json& json) {
  try {
    Article article;
    article.id = json.at("id").get<std::string>();
    article.title = json.value("title", std::string());
    if (json.contains("date") && json["date"].is_string()) {
      std::optional<int> offset;
      if (json.contains("utc_offset_minutes")) offset = json["utc_offset_minutes"].get<int>();
      article.published = ParseIso8601(json["date"].get<std::string>(), offset);
    }
    article.source = json.value("source", std::string());
    article.url = json.value("url", std::string());
    article.language = json.value("language", std::string());
    article.origin = json.value("origin", std::string());
    article.body = json.value("body", std::string());
    if (json.contains("leaders")) article.leaders = MentionsFromJson(json["leaders"]);
    if (json.contains("people")) article.people = MentionsFromJson(json["people"]);
    if (json.contains("organizations"))
      article.organizations = MentionsFromJson(json["organizations"]);
    if (json.contains("places")) article.places = MentionsFromJson(json["places"]);
    if (json.contains("mentioned_dates"))
      article.mentioned_dates = json["mentioned_dates"].get<std::vector<std::string>>();
    return article;
  } catch (const nlohmann::json::exception& e) {
    throw Error(ErrorKind::kCorrupt, std::string("malformed article JSON: ") + e.what());
  }
}

}  // namespace gazette
