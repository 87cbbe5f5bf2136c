#include "cli/check_command.h"

#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "cli/commands.h"
#include "cli/process.h"
#include "factcheck/check.h"

namespace newsfacts::cli {
namespace {

struct CheckArgs {
  std::string db = "newsfacts.db";
  std::string rules;
  bool json = false;
  size_t limit = 10;
  std::optional<std::string> since, until, site;
  std::string claim;
};

int Fail(const std::string& message) {
  std::cerr << "newsfacts: check: " << message << "\n";
  return kExitUsage;
}

nlohmann::ordered_json FigureJson(const Quantity& q) {
  nlohmann::ordered_json j;
  j["text"] = q.text;
  j["span"] = {q.span.start, q.span.end};
  j["value"] = q.value;
  j["unit"] = q.unit;
  j["si_value"] = q.si_value ? nlohmann::ordered_json(*q.si_value) : nlohmann::ordered_json();
  j["si_unit"] = q.si_unit;
  return j;
}

template <typename T>
nlohmann::ordered_json OrNull(const std::optional<T>& v) {
  return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json();
}

nlohmann::ordered_json HitJson(const factcheck::Hit& h, size_t rank) {
  nlohmann::ordered_json j;
  j["rank"] = rank;
  j["verdict"] = factcheck::VerdictName(h.verdict);
  j["score"] = std::round(h.score * 1000) / 1000;
  j["how"] = h.how;
  j["article_id"] = h.article_id;
  j["url"] = OrNull(h.url);
  j["title"] = OrNull(h.title);
  j["site"] = OrNull(h.site);
  j["published"] = OrNull(h.published);
  j["sentence"] = h.sentence;
  j["sentence_span"] = {h.sentence_span.start, h.sentence_span.end};
  j["figure"] = h.figure ? FigureJson(*h.figure) : nlohmann::ordered_json();
  j["claim_figure"] = h.claim_figure ? FigureJson(*h.claim_figure) : nlohmann::ordered_json();
  j["speaker"] = OrNull(h.speaker);
  j["archive"] = h.archive ? ToJson(*h.archive) : nlohmann::ordered_json();
  return j;
}

// The sentence with the figure marked: bold on a terminal, [brackets] otherwise. Spans are
// code points; the sentence is UTF-8.
std::string Marked(const factcheck::Hit& h, bool tty) {
  if (!h.figure) return h.sentence;
  const int64_t from = h.figure->span.start - h.sentence_span.start;
  const int64_t to = h.figure->span.end - h.sentence_span.start;
  std::string out;
  int64_t cp = 0;
  for (size_t i = 0; i <= h.sentence.size(); ++i) {
    const bool boundary =
        i == h.sentence.size() || (static_cast<unsigned char>(h.sentence[i]) & 0xC0) != 0x80;
    if (boundary) {
      if (cp == from) out += tty ? "\033[1;33m" : "[";
      if (cp == to) out += tty ? "\033[0m" : "]";
      ++cp;
    }
    if (i < h.sentence.size()) out += h.sentence[i];
  }
  return out;
}

int RunCheck(const CheckArgs& args) {
  if (args.claim.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Fail("the claim is empty");
  }
  for (const auto* d : {&args.since, &args.until}) {
    if (*d && !NormaliseTimestamp(**d)) return Fail("'" + **d + "' is not an ISO 8601 date");
  }
  std::error_code ec;
  if (!std::filesystem::exists(args.db, ec)) return Fail("no database at " + args.db);
  auto book = RuleBook::Load(args.rules.empty() ? DefaultRulesDir() : args.rules);
  if (!book.ok()) return Fail(book.status().ToString());
  store::StoreOptions read_only;
  read_only.read_only = true;
  auto db = store::Store::Open(args.db, read_only);
  if (!db.ok()) return Fail(db.status().ToString());
  auto claim = factcheck::ParseClaim(args.claim, *book);
  if (!claim.ok()) return Fail(claim.status().ToString());
  if (claim->figures.empty()) {
    std::cerr << "newsfacts: check: the claim has no figure the rules read; searching its words\n";
  }
  factcheck::CheckOptions options;
  options.limit = args.limit;
  if (args.since) options.since = args.since->substr(0, 10);
  if (args.until) options.until = args.until->substr(0, 10);
  options.site = args.site;
  auto hits = factcheck::Check(*db, *claim, options);
  if (!hits.ok()) return Fail(hits.status().ToString());
  const bool tty = isatty(STDOUT_FILENO);
  for (size_t i = 0; i < hits->size(); ++i) {
    const factcheck::Hit& h = (*hits)[i];
    if (args.json) {
      std::cout << HitJson(h, i + 1).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
                << "\n";
      continue;
    }
    std::cout << i + 1 << ". " << factcheck::VerdictName(h.verdict);
    if (!h.how.empty()) std::cout << "  " << h.how;
    std::cout << "\n   " << Marked(h, tty) << "\n   " << h.title.value_or(h.article_id);
    if (h.site) std::cout << " — " << *h.site;
    if (h.published) std::cout << ", " << h.published->substr(0, 10);
    if (h.speaker) std::cout << "; said by " << *h.speaker;
    std::cout << "\n";
    if (h.url) std::cout << "   " << *h.url << "\n";
    if (h.archive) {
      std::cout << "   archived: " << h.archive->file << " @ " << h.archive->offset << " ("
                << h.archive->date << ", " << h.archive->digest << ")\n";
    }
  }
  std::cout.flush();
  return hits->empty() ? kExitSomeFailed : kExitOk;
}

}  // namespace

void AddCheckCommand(CLI::App* app, int* status) {
  auto args = std::make_shared<CheckArgs>();
  CLI::App* check =
      app->add_subcommand("check", "stored figures that match, round or contradict a claim's");
  check->add_option("--db", args->db, "database file")->capture_default_str();
  check->add_option("--rules", args->rules, "rule directory (default: the shipped rules)");
  check->add_flag("--json", args->json, "one JSON object per hit, best first");
  check->add_option("--limit", args->limit, "at most N hits")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  check->add_option("--since", args->since, "articles published on or after this date");
  check->add_option("--until", args->until, "articles published on or before this date");
  check->add_option("--site", args->site, "articles of this site only (e.g. example.com)");
  check->add_option("claim", args->claim, "the claim, e.g. \"8.2 tonnes of fentanyl\"")->required();
  check->callback([args, status] { *status = RunCheck(*args); });
}

}  // namespace newsfacts::cli
