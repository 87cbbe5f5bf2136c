#include "cli/commands.h"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
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

// The input options of `extract`: the format, the shard, --url and --published; nullopt
// (the reason on standard error) when one is not valid.
std::optional<InputOptions> ExtractInputOptions(const std::string& format_name,
                                                const std::optional<std::string>& url,
                                                const std::optional<std::string>& published,
                                                const ShardOptions& shard_options) {
  InputOptions input_options;
  if (!format_name.empty()) {
    auto format = ParseInputFormat(format_name);
    if (!format) {
      Fail("extract: unknown --input-format '" + format_name +
           "' (html, text, jsonl, warc, arc, wet)");
      return std::nullopt;
    }
    input_options.format = *format;
  }
  auto shard = ChooseShard(shard_options.shard, shard_options.shard_count, ShardEnvironment());
  if (!shard.ok()) {
    Fail("extract: " + shard.status().ToString());
    return std::nullopt;
  }
  input_options.shard = *shard;
  input_options.url = url;
  if (published) {
    if (!NormaliseTimestamp(*published)) {
      Fail("extract: --published '" + *published + "' is not an ISO 8601 date");
      return std::nullopt;
    }
    input_options.published = published;
  }
  return input_options;
}

// Opens the database of `extract` and begins its run; false (the reason on standard error)
// when either fails.
bool BeginExtractRun(const std::string& path, const RuleBook& book,
                     const std::optional<Shard>& shard, std::optional<store::Store>* db,
                     int64_t* run_id) {
  auto opened = store::Store::Open(path);
  if (!opened.ok()) {
    Fail(opened.status().ToString());
    return false;
  }
  db->emplace(std::move(opened).value());
  auto run = (*db)->BeginRun(
      {NEWSFACTS_VERSION, book.versions(), "extract", shard ? shard->ToString() : ""});
  if (!run.ok()) {
    Fail(run.status().ToString());
    return false;
  }
  *run_id = *run;
  return true;
}

// The closing line of `extract` on standard error.
void ReportExtract(const PipelineCounts& counts, bool stored, const std::optional<Shard>& shard) {
  std::cerr << "extract: " << counts.stored << " articles" << (stored ? " stored" : "");
  if (stored) {
    std::cerr << " (" << counts.added << " new, " << counts.replaced << " replaced, "
              << counts.kept_later << " older captures of stored articles)";
  }
  std::cerr << ", " << counts.failed << " failed";
  if (shard) std::cerr << ", shard " << shard->ToString();
  std::cerr << "\n";
}

int Extract(const CommonOptions& common, const std::vector<std::string>& inputs,
            const std::string& format_name, const std::optional<std::string>& url,
            const std::optional<std::string>& published, const ShardOptions& shard_options) {
  const std::optional<InputOptions> input_options =
      ExtractInputOptions(format_name, url, published, shard_options);
  if (!input_options) return kExitUsage;
  InputReader reader(inputs, *input_options);
  if (Status s = reader.Validate(); !s.ok()) return Fail(s.ToString());

  const std::string rules_dir = common.rules.empty() ? DefaultRulesDir() : common.rules;
  auto book = RuleBook::Load(rules_dir);
  if (!book.ok()) return Fail(book.status().ToString());

  std::optional<store::Store> db;
  int64_t run_id = 0;
  if (!common.no_db && !BeginExtractRun(common.db, *book, input_options->shard, &db, &run_id)) {
    return kExitUsage;
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
  if (!common.quiet) ReportExtract(counts, db.has_value(), input_options->shard);
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

struct ExtractArgs {
  CommonOptions common;
  std::vector<std::string> inputs;
  std::string input_format;
  std::optional<std::string> url, published;
  ShardOptions shard;
};

void AddExtractCommand(CLI::App* app, int* status) {
  auto args = std::make_shared<ExtractArgs>();
  CLI::App* extract =
      app->add_subcommand("extract", "extract facts from HTML, text or JSON Lines files");
  AddCommon(extract, &args->common, true);
  extract->add_option("--input-format", args->input_format,
                      "html, text, jsonl, warc, arc or wet (default: by file name)");
  extract->add_option("--url", args->url, "the URL of the single input");
  extract->add_option("--published", args->published,
                      "the publication date of the single input (ISO 8601)");
  extract->add_option("inputs", args->inputs,
                      "files, directories, archives (.warc, .warc.gz, .warc.zst, .arc, .arc.gz, "
                      "WET), or - for standard input");
  AddShard(extract, &args->shard);
  extract->callback([args, status] {
    *status = Extract(args->common, args->inputs, args->input_format, args->url, args->published,
                      args->shard);
  });
}

struct ReextractArgs {
  CommonOptions common;
  ReextractOptions options;
  ShardOptions shard;
};

void AddReextractCommand(CLI::App* app, int* status) {
  auto args = std::make_shared<ReextractArgs>();
  CLI::App* reextract =
      app->add_subcommand("reextract", "run the current rules over stored articles");
  AddCommon(reextract, &args->common, true);
  reextract->remove_option(reextract->get_option("--no-db"));
  reextract->add_flag("--all", args->options.all,
                      "every article, not only those extracted by other rule-set versions");
  reextract->add_flag("--renormalise", args->options.renormalise,
                      "read each archived article again from its archive and normalise it");
  AddShard(reextract, &args->shard);
  reextract->callback(
      [args, status] { *status = Reextract(args->common, args->options, args->shard); });
}

struct MergeArgs {
  std::string out;
  std::vector<std::string> inputs;
  bool quiet = false;
};

void AddMergeCommand(CLI::App* app, int* status) {
  auto args = std::make_shared<MergeArgs>();
  CLI::App* merge = app->add_subcommand("merge", "merge shard databases into one");
  merge->add_option("out", args->out, "the database to create or add to")->required();
  merge->add_option("inputs", args->inputs, "shard databases")->required();
  merge->add_flag("--quiet", args->quiet, "no per-input counts");
  merge->callback([args, status] { *status = Merge(args->out, args->inputs, args->quiet); });
}

struct ExportArgs {
  CommonOptions common;
  std::string format = "jsonl", what = "articles";
};

void AddExportCommand(CLI::App* app, int* status) {
  auto args = std::make_shared<ExportArgs>();
  CLI::App* exp =
      app->add_subcommand("export", "write stored articles or facts as JSON Lines or CSV");
  AddCommon(exp, &args->common, false);
  exp->add_option("--format", args->format, "jsonl or csv")->capture_default_str();
  exp->add_option("--what", args->what, "articles, quantities, dates, officials or quotes")
      ->capture_default_str();
  exp->callback([args, status] { *status = Export(args->common, args->format, args->what); });
}

void AddRulesCommand(CLI::App* app, int* status) {
  auto dir = std::make_shared<std::string>();
  CLI::App* rules = app->add_subcommand("rules", "work with rule files");
  rules->require_subcommand(1);
  CLI::App* rules_test = rules->add_subcommand("test", "validate rule files and run every example");
  rules_test->add_option("dir", *dir, "rule directory (default: the shipped rules)");
  rules_test->callback(
      [dir, status] { *status = RulesTest(dir->empty() ? DefaultRulesDir() : *dir); });
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

  int status = kExitOk;
  AddExtractCommand(&app, &status);
  AddReextractCommand(&app, &status);
  AddMergeCommand(&app, &status);
  AddExportCommand(&app, &status);
  AddRulesCommand(&app, &status);

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
