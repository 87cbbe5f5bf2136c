#include "extract/extract.h"

#include <algorithm>
#include <cassert>
#include <filesystem>
#include <future>
#include <set>
#include <system_error>

#include "extract/emit_keys.h"

namespace newsfacts {
namespace {

// Loads the files at once, one thread each: compiling a set's expressions is most of a
// command's start-up, and the sets do not depend on one another. Results in files' order.
// Where no thread can be started (a process limit), the file is loaded on the caller's.
std::vector<Result<rules::RuleSet>> LoadAll(const std::vector<std::string>& files,
                                            rules::Compile when) {
  std::vector<std::future<Result<rules::RuleSet>>> pending;
  for (const std::string& file : files) {
    const auto load = [file, when] { return rules::RuleSet::Load(file, when); };
    try {
      pending.push_back(std::async(std::launch::async, load));
    } catch (const std::system_error&) {
      pending.push_back(std::async(std::launch::deferred, load));
    }
  }
  std::vector<Result<rules::RuleSet>> out;
  for (auto& p : pending) out.push_back(p.get());
  return out;
}

// A set loaded from DIR/<id>.toml for LoadSets and StartLoading: its emits are what the
// extractor reads, and its [ruleset] id is the file's name.
Status CheckNamedSet(const rules::RuleSet& set, const std::string& id, const std::string& file) {
  if (Status s = CheckEmits(set); !s.ok()) return s;
  if (set.id() != id) {
    return InvalidRule("the rule set in " + id + ".toml has id \"" + set.id() + "\"", file);
  }
  return Status::Ok();
}

std::string SetFile(const std::string& dir, const std::string& id) {
  return (std::filesystem::path(dir) / (id + ".toml")).string();
}

}  // namespace

Result<RuleBook> RuleBook::Load(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return InvalidRule("not a rule directory", dir);
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".toml") files.push_back(entry.path());
  }
  if (ec) return IoError(ec.message(), dir);
  std::sort(files.begin(), files.end());

  std::vector<std::string> names;
  for (const fs::path& file : files) names.push_back(file.string());
  std::vector<Result<rules::RuleSet>> loaded = LoadAll(names, rules::Compile::kAtLoad);

  RuleBook book;
  std::map<std::string, std::string> rule_origin;  // rule id -> file, across sets
  for (size_t i = 0; i < files.size(); ++i) {
    const fs::path& file = files[i];
    Result<rules::RuleSet>& set = loaded[i];
    if (!set.ok()) return set.status();
    if (Status s = CheckEmits(*set); !s.ok()) return s;
    if (book.sets_.count(set->id())) {
      return InvalidRule(
          "rule set id " + set->id() + " is also used by " + book.sets_.at(set->id())->origin(),
          file.string());
    }
    for (const rules::Rule& rule : set->rules()) {
      auto [it, fresh] = rule_origin.emplace(rule.id, file.string());
      if (!fresh) {
        return InvalidRule("rule " + rule.id + ": id also used in " + it->second,
                           file.string() + ":" + std::to_string(rule.line));
      }
    }
    std::string id = set->id();
    book.sets_.emplace(id, std::make_unique<rules::RuleSet>(std::move(set).value()));
  }
  for (const char* needed : {"quantities", "dates", "officials", "quotes"}) {
    if (!book.sets_.count(needed)) {
      return InvalidRule(std::string("no rule set with id \"") + needed + "\"", dir);
    }
  }
  return book;
}

Result<RuleBook> RuleBook::LoadSets(const std::string& dir, const std::vector<std::string>& ids,
                                    rules::Compile when) {
  std::vector<std::string> files;
  for (const std::string& id : ids) files.push_back(SetFile(dir, id));
  std::vector<Result<rules::RuleSet>> loaded = LoadAll(files, when);
  RuleBook book;
  for (size_t i = 0; i < ids.size(); ++i) {
    const std::string& id = ids[i];
    const std::string& file = files[i];
    Result<rules::RuleSet>& set = loaded[i];
    if (!set.ok()) return set.status();
    if (Status s = CheckNamedSet(*set, id, file); !s.ok()) return s;
    book.sets_.emplace(id, std::make_unique<rules::RuleSet>(std::move(set).value()));
  }
  return book;
}

struct RuleBook::Pending {
  std::unique_ptr<rules::RuleSet> set;  // null when it failed
  Status status;
  std::shared_future<void> done;  // the load, which writes set and status

  // The load must be over before set and status go.
  ~Pending() {
    if (done.valid()) done.wait();
  }
};

RuleBook RuleBook::StartLoading(const std::string& dir, const std::vector<std::string>& ids,
                                const std::string& focus) {
  RuleBook book;
  for (const std::string& id : ids) {
    auto pending = std::make_shared<Pending>();
    const std::string file = SetFile(dir, id);
    // The load holds the Pending by address, not by share: the Pending holds the load.
    const auto load = [pending = pending.get(), file, id, focus] {
      auto set = rules::RuleSet::Load(file, rules::Compile::kOnFirstUse);
      if (!set.ok()) {
        pending->status = set.status();
      } else if (Status s = CheckNamedSet(*set, id, file); !s.ok()) {
        pending->status = s;
      } else {
        set->FocusOn(focus);
        pending->set = std::make_unique<rules::RuleSet>(std::move(set).value());
      }
    };
    try {
      pending->done = std::async(std::launch::async, load).share();
    } catch (const std::system_error&) {
      pending->done = std::async(std::launch::deferred, load).share();
    }
    book.pending_.emplace(id, std::move(pending));
  }
  return book;
}

const rules::RuleSet* RuleBook::Find(const std::string& id) const {
  if (auto it = sets_.find(id); it != sets_.end()) return it->second.get();
  auto it = pending_.find(id);
  if (it == pending_.end()) return nullptr;
  it->second->done.wait();
  return it->second->set.get();
}

bool RuleBook::has(const std::string& id) const { return Find(id) != nullptr; }

const rules::RuleSet& RuleBook::Get(const std::string& id) const {
  const rules::RuleSet* set = Find(id);
  assert(set != nullptr && "RuleBook: a set it does not have");
  return *set;
}

Status RuleBook::CompileStatus() const {
  for (const auto& [id, pending] : pending_) {
    pending->done.wait();
    if (!pending->status.ok()) return pending->status;
  }
  for (const auto& [id, pending] : pending_) {
    if (Status s = pending->set->CompileStatus(); !s.ok()) return s;
  }
  for (const auto& [id, set] : sets_) {
    if (Status s = set->CompileStatus(); !s.ok()) return s;
  }
  return Status::Ok();
}

std::map<std::string, int> RuleBook::versions() const {
  std::map<std::string, int> out;
  for (const auto& [id, set] : sets_) out[id] = set->version();
  for (const auto& [id, pending] : pending_) {
    if (const rules::RuleSet* set = Find(id)) out[id] = set->version();
  }
  return out;
}

void ExtractAll(const RuleBook& book, const Context& context, Article* article) {
  article->quantities.clear();
  article->dates.clear();
  article->officials.clear();
  article->quotes.clear();
  if (book.has("quantities")) {
    ExtractQuantities(article->text, book.quantities(), &article->quantities);
  }
  if (book.has("dates")) ExtractDates(article->text, book.dates(), context, &article->dates);
  if (book.has("officials") && book.has("quotes")) {
    ExtractOfficialsAndQuotes(article->text, book.officials(), book.quotes(), &article->officials,
                              &article->quotes);
  } else if (book.has("officials")) {
    ExtractOfficials(article->text, book.officials(), &article->officials);
  } else if (book.has("quotes")) {
    ExtractQuotes(article->text, book.quotes(), article->officials, &article->quotes);
  }
}

}  // namespace newsfacts
