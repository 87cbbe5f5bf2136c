#include "cli/commands.h"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "cli/check_command.h"
#include "cli/desk_commands.h"
#include "cli/fetch_command.h"
#include "cli/inputs.h"
#include "cli/pipeline.h"
#include "cli/process.h"
#include "cli/reextract.h"
#include "cli/serve_command.h"
#include "cli/shard.h"
#include "extract/emit_keys.h"
#include "extract/extract.h"
#include "extract/fact_cases.h"
#include "extract/rule_set.h"
#include "store/merge.h"
#include "store/store.h"

namespace newsfacts::cli {
namespace fs = std::filesystem;

namespace {

int Fail(const std::string& message) {
  std::cerr << "newsfacts: " << message << "\n";
  return kExitUsage;
}

struct CommonOptions {
  std::string db = "newsfacts.db";
  std::string rules;
  int threads = 0;
  bool json = false;
  bool no_db = false;
  bool quiet = false;
};

void AddCommon(CLI::App* app, CommonOptions* c, bool extracting) {
  app->add_option("--db", c->db, "database file")->capture_default_str();
  if (!extracting) return;
  app->add_option("--rules", c->rules, "rule directory (default: the shipped rules)");
  app->add_option("--threads", c->threads, "worker threads (default: all cores)")
      ->check(CLI::NonNegativeNumber);
  app->add_flag("--json", c->json, "also write each article as a JSON line to stdout");
  app->add_flag("--no-db", c->no_db, "do not write a database");
  app->add_flag("--quiet", c->quiet, "no progress output");
}

struct ShardOptions {
  std::optional<std::string> shard;
  std::optional<int64_t> shard_count;
};

void AddShard(CLI::App* app, ShardOptions* s) {
  app->add_option("--shard", s->shard,
                  "K/N: only shard K of N (default: from SLURM_ARRAY_TASK_* or "
                  "JOB_COMPLETION_INDEX)");
  app->add_option("--shard-count", s->shard_count,
                  "N, with JOB_COMPLETION_INDEX (Kubernetes Indexed Jobs)")
      ->check(CLI::PositiveNumber);
}

int Extract(const CommonOptions& common, const std::vector<std::string>& inputs,
            const std::string& format_name, const std::optional<std::string>& url,
            const std::optional<std::string>& published, const ShardOptions& shard_options) {
  InputOptions input_options;
  if (!format_name.empty()) {
    auto format = ParseInputFormat(format_name);
    if (!format)
      return Fail("extract: unknown --input-format '" + format_name +
                  "' (html, text, jsonl, warc, arc, wet)");
    input_options.format = *format;
  }
  auto shard = ChooseShard(shard_options.shard, shard_options.shard_count, ShardEnvironment());
  if (!shard.ok()) return Fail("extract: " + shard.status().ToString());
  input_options.shard = *shard;
  input_options.url = url;
  if (published) {
    if (!NormaliseTimestamp(*published)) {
      return Fail("extract: --published '" + *published + "' is not an ISO 8601 date");
    }
    input_options.published = published;
  }
  InputReader reader(inputs, input_options);
  if (Status s = reader.Validate(); !s.ok()) return Fail(s.ToString());

  const std::string rules_dir = common.rules.empty() ? DefaultRulesDir() : common.rules;
  auto book = RuleBook::Load(rules_dir);
  if (!book.ok()) return Fail(book.status().ToString());

  std::optional<store::Store> db;
  int64_t run_id = 0;
  if (!common.no_db) {
    auto opened = store::Store::Open(common.db);
    if (!opened.ok()) return Fail(opened.status().ToString());
    db.emplace(std::move(opened).value());
    auto run = db->BeginRun(
        {NEWSFACTS_VERSION, book->versions(), "extract", *shard ? (*shard)->ToString() : ""});
    if (!run.ok()) return Fail(run.status().ToString());
    run_id = *run;
  }

  PipelineOptions options;
  options.threads = common.threads > 0
                        ? common.threads
                        : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  options.json = common.json;
  options.store = db ? &*db : nullptr;
  options.run_id = run_id;
  options.progress = !common.quiet && isatty(STDERR_FILENO);
  PipelineCounts counts = RunPipeline(&reader, *book, options, std::cout, std::cerr);
  std::cout.flush();
  if (db) {
    if (Status s = db->EndRun(run_id, counts.stored, counts.failed); !s.ok()) {
      std::cerr << "newsfacts: " << s.ToString() << "\n";
      return kExitSomeFailed;
    }
  }
  if (!common.quiet) {
    std::cerr << "extract: " << counts.stored << " articles" << (db ? " stored" : "");
    if (db) {
      std::cerr << " (" << counts.added << " new, " << counts.replaced << " replaced, "
                << counts.kept_later << " older captures of stored articles)";
    }
    std::cerr << ", " << counts.failed << " failed";
    if (*shard) std::cerr << ", shard " << (*shard)->ToString();
    std::cerr << "\n";
  }
  return counts.failed ? kExitSomeFailed : kExitOk;
}

int Reextract(const CommonOptions& common, const ReextractOptions& given,
              const ShardOptions& shard_options) {
  ReextractOptions options = given;
  auto shard = ChooseShard(shard_options.shard, shard_options.shard_count, ShardEnvironment());
  if (!shard.ok()) return Fail("reextract: " + shard.status().ToString());
  options.shard = *shard;
  std::error_code ec;
  if (!fs::exists(common.db, ec)) return Fail("reextract: no database at " + common.db);
  auto book = RuleBook::Load(common.rules.empty() ? DefaultRulesDir() : common.rules);
  if (!book.ok()) return Fail(book.status().ToString());
  auto db = store::Store::Open(common.db);
  if (!db.ok()) return Fail(db.status().ToString());
  auto run = db->BeginRun({NEWSFACTS_VERSION, book->versions(), "reextract",
                           options.shard ? options.shard->ToString() : ""});
  if (!run.ok()) return Fail(run.status().ToString());
  options.threads = common.threads > 0
                        ? common.threads
                        : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  options.json = common.json;
  options.progress = !common.quiet && isatty(STDERR_FILENO);
  return RunReextract(common.db, &*db, *run, *book, options, common.quiet);
}

int Merge(const std::string& out_path, const std::vector<std::string>& inputs, bool quiet) {
  std::error_code ec;
  for (const std::string& in : inputs) {
    if (!fs::exists(in, ec)) return Fail("merge: no database at " + in);
    if (fs::exists(out_path, ec) && fs::equivalent(in, out_path, ec)) {
      return Fail("merge: " + in + " is the output database itself");
    }
  }
  // Every input is checked before anything is written; a shard of an older schema version
  // is migrated first (its steps only add), one of no or a newer version is refused.
  for (const std::string& in : inputs) {
    store::StoreOptions read_only;
    read_only.read_only = true;
    auto probe = store::Store::Open(in, read_only);
    if (probe.ok()) continue;
    if (probe.status().message().find(" is older than") == std::string::npos) {
      return Fail("merge: " + probe.status().ToString());
    }
    auto migrated = store::Store::Open(in);
    if (!migrated.ok()) return Fail("merge: " + migrated.status().ToString());
  }
  auto out = store::Store::Open(out_path);
  if (!out.ok()) return Fail("merge: " + out.status().ToString());
  int status = kExitOk;
  for (const std::string& in : inputs) {
    auto counts = store::Merge(&*out, in);
    if (!counts.ok()) {
      std::cerr << "newsfacts: merge: " << counts.status().ToString() << "\n";
      status = kExitSomeFailed;
      continue;
    }
    if (!quiet) {
      std::cout << in << ": articles added " << counts->added << ", replaced " << counts->replaced
                << ", unchanged " << counts->unchanged << "; captures added " << counts->captures
                << "; runs added " << counts->runs << "\n";
    }
  }
  return status;
}

int Export(const CommonOptions& common, const std::string& format, const std::string& what) {
  store::ExportFormat f;
  if (format == "jsonl") {
    f = store::ExportFormat::kJsonl;
  } else if (format == "csv") {
    f = store::ExportFormat::kCsv;
  } else {
    return Fail("export: unknown --format '" + format + "' (jsonl, csv)");
  }
  std::error_code ec;
  if (!fs::exists(common.db, ec)) return Fail("export: no database at " + common.db);
  store::StoreOptions options;
  options.read_only = true;
  auto db = store::Store::Open(common.db, options);
  if (!db.ok()) return Fail(db.status().ToString());
  Status s = store::Export(*db, f, what, std::cout);
  std::cout.flush();
  if (!s.ok()) {
    if (s.code() == StatusCode::kInvalidInput) return Fail("export: " + s.ToString());
    std::cerr << "newsfacts: " << s.ToString() << "\n";
    return kExitSomeFailed;
  }
  return kExitOk;
}

// Runs the fact cases of the rule examples with an `expect` table and of the cases files in
// DIR/examples through the extractors; prints a line per file and each failure. The number
// of failures, or nullopt when a file does not load.
std::optional<size_t> RunFactCaseFiles(const std::string& dir,
                                       const std::vector<const rules::RuleSet*>& sets,
                                       size_t* cases_run) {
  auto book = RuleBook::Load(dir);
  if (!book.ok()) {
    std::cerr << "newsfacts: " << book.status().ToString() << "\n";
    return std::nullopt;
  }
  std::vector<std::pair<std::string, std::vector<FactCase>>> files;
  for (const rules::RuleSet* set : sets) {
    auto cases = ExampleFactCases(*set);
    if (!cases.ok()) {
      std::cerr << "newsfacts: " << cases.status().ToString() << "\n";
      return std::nullopt;
    }
    if (!cases->empty()) files.emplace_back(set->origin() + " (expect)", std::move(*cases));
  }
  std::error_code ec;
  std::vector<fs::path> case_files;
  for (const auto& entry : fs::directory_iterator(fs::path(dir) / "examples", ec)) {
    if (entry.path().extension() == ".toml") case_files.push_back(entry.path());
  }
  std::sort(case_files.begin(), case_files.end());
  for (const fs::path& file : case_files) {
    auto cases = LoadFactCases(file.string());
    if (!cases.ok()) {
      std::cerr << "newsfacts: " << cases.status().ToString() << "\n";
      return std::nullopt;
    }
    files.emplace_back(file.string(), std::move(*cases));
  }
  size_t failures = 0;
  for (const auto& [name, cases] : files) {
    std::vector<std::string> failed = RunFactCases(*book, cases);
    for (const std::string& f : failed) std::cerr << f << "\n";
    std::cout << name << ": " << cases.size() << " cases through the extractors, "
              << (failed.empty() ? "ok" : std::to_string(failed.size()) + " failed") << "\n";
    failures += failed.size();
    *cases_run += cases.size();
  }
  return failures;
}

// Loads every rule file in dir and runs its examples, then the fact cases
// (RunFactCaseFiles). 2 when a file does not load, 1 when an example or a case fails.
int RulesTest(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Fail("rules test: " + dir + " is not a directory");
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".toml") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) return Fail("rules test: no .toml rule files in " + dir);
  bool load_failed = false;
  size_t failures = 0, rules = 0, examples = 0, cases = 0;
  std::vector<rules::RuleSet> sets;
  for (const fs::path& file : files) {
    auto set = rules::RuleSet::Load(file.string());
    const Status emits = set.ok() ? CheckEmits(*set) : set.status();
    if (!emits.ok()) {
      std::cerr << "newsfacts: " << emits.ToString() << "\n";
      load_failed = true;
      continue;
    }
    std::vector<std::string> failed = set->RunExamples();
    for (const std::string& f : failed) std::cerr << f << "\n";
    std::cout << file.string() << ": " << set->id() << " v" << set->version() << ", "
              << set->rules().size() << " rules, " << set->example_count() << " examples, "
              << (failed.empty() ? "ok" : std::to_string(failed.size()) + " failed") << "\n";
    failures += failed.size();
    rules += set->rules().size();
    examples += set->example_count();
    sets.push_back(std::move(*set));
  }
  if (load_failed) return kExitUsage;
  std::vector<const rules::RuleSet*> loaded;
  for (const rules::RuleSet& set : sets) loaded.push_back(&set);
  const std::optional<size_t> case_failures = RunFactCaseFiles(dir, loaded, &cases);
  if (!case_failures) return kExitUsage;
  failures += *case_failures;
  std::cout << rules << " rules, " << examples << " examples, " << cases
            << " cases through the extractors, " << failures << " failed\n";
  return failures ? kExitSomeFailed : kExitOk;
}

}  // namespace

const char* DefaultRulesDir() {
  static const std::string dir = [] {
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
      fs::path installed = exe.parent_path().parent_path() / "share" / "newsfacts" / "rules";
      if (fs::is_directory(installed, ec)) return installed.string();
    }
    if (fs::is_directory(NEWSFACTS_SOURCE_RULES_DIR, ec))
      return std::string(NEWSFACTS_SOURCE_RULES_DIR);
    return std::string(NEWSFACTS_RULES_DIR);
  }();
  return dir.c_str();
}

int Run(int argc, char** argv) {
  CLI::App app{"newsfacts: news articles to checkable facts", "newsfacts"};
  app.set_version_flag("--version", std::string("newsfacts ") + NEWSFACTS_VERSION);
  app.require_subcommand(1);

  CommonOptions common;
  int status = kExitOk;

  CLI::App* extract =
      app.add_subcommand("extract", "extract facts from HTML, text or JSON Lines files");
  AddCommon(extract, &common, true);
  std::vector<std::string> inputs;
  std::string input_format;
  std::optional<std::string> url, published;
  extract->add_option("--input-format", input_format,
                      "html, text, jsonl, warc, arc or wet (default: by file name)");
  extract->add_option("--url", url, "the URL of the single input");
  extract->add_option("--published", published,
                      "the publication date of the single input (ISO 8601)");
  extract->add_option("inputs", inputs,
                      "files, directories, archives (.warc, .warc.gz, .warc.zst, .arc, .arc.gz, "
                      "WET), or - for standard input");
  ShardOptions shard_options;
  AddShard(extract, &shard_options);
  extract->callback(
      [&] { status = Extract(common, inputs, input_format, url, published, shard_options); });

  CLI::App* reextract =
      app.add_subcommand("reextract", "run the current rules over stored articles");
  AddCommon(reextract, &common, true);
  reextract->remove_option(reextract->get_option("--no-db"));
  ReextractOptions reextract_options;
  reextract->add_flag("--all", reextract_options.all,
                      "every article, not only those extracted by other rule-set versions");
  reextract->add_flag("--renormalise", reextract_options.renormalise,
                      "read each archived article again from its archive and normalise it");
  AddShard(reextract, &shard_options);
  reextract->callback([&] { status = Reextract(common, reextract_options, shard_options); });

  CLI::App* merge = app.add_subcommand("merge", "merge shard databases into one");
  std::string merge_out;
  std::vector<std::string> merge_inputs;
  bool merge_quiet = false;
  merge->add_option("out", merge_out, "the database to create or add to")->required();
  merge->add_option("inputs", merge_inputs, "shard databases")->required();
  merge->add_flag("--quiet", merge_quiet, "no per-input counts");
  merge->callback([&] { status = Merge(merge_out, merge_inputs, merge_quiet); });

  CLI::App* exp =
      app.add_subcommand("export", "write stored articles or facts as JSON Lines or CSV");
  AddCommon(exp, &common, false);
  std::string format = "jsonl", what = "articles";
  exp->add_option("--format", format, "jsonl or csv")->capture_default_str();
  exp->add_option("--what", what, "articles, quantities, dates, officials or quotes")
      ->capture_default_str();
  exp->callback([&] { status = Export(common, format, what); });

  CLI::App* rules = app.add_subcommand("rules", "work with rule files");
  rules->require_subcommand(1);
  CLI::App* rules_test = rules->add_subcommand("test", "validate rule files and run every example");
  std::string rules_dir;
  rules_test->add_option("dir", rules_dir, "rule directory (default: the shipped rules)");
  rules_test->callback(
      [&] { status = RulesTest(rules_dir.empty() ? DefaultRulesDir() : rules_dir); });

  AddFetchCommands(&app, &status);

  AddCheckCommand(&app, &status);
  AddShowCommand(&app, &status);
  AddConflictsCommand(&app, &status);
  AddServeCommand(&app, &status);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  return status;
}

}  // namespace newsfacts::cli
