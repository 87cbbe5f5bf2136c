#include "cli/inputs.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>

#include "archive/reader.h"
#include "cli/archive_input.h"

namespace newsfacts::cli {
namespace fs = std::filesystem;

namespace {

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// Files a directory contributes: the article formats we read; everything else is skipped.
bool IsArticleName(const std::string& path) {
  std::string p = Lower(path);
  for (const char* ext : {".html", ".htm", ".xhtml", ".txt", ".jsonl", ".ndjson"}) {
    if (EndsWith(p, ext)) return true;
  }
  return archive::IsArchiveName(path);
}

Result<std::string> ReadFile(const std::string& path, size_t limit) {
  std::error_code ec;
  auto size = fs::file_size(path, ec);
  if (ec) {
    return fs::exists(path) ? IoError(ec.message(), path) : NotFound("no such file", path);
  }
  if (size > limit) {
    return InvalidInput("file is " + std::to_string(size) + " bytes, larger than the limit of " +
                            std::to_string(limit),
                        path);
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError("cannot open file", path);
  std::string bytes;
  bytes.resize(static_cast<size_t>(size));
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  if (in.bad()) return IoError("cannot read file", path);
  bytes.resize(static_cast<size_t>(in.gcount()));
  return bytes;
}

// An item for an input that could not be read.
Item ErrorItem(const std::string& name, Status error) {
  Item item;
  item.name = name;
  item.error = std::move(error);
  return item;
}

std::string ReadStdin() {
  std::ios::sync_with_stdio(false);
  return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
}

std::optional<std::string> OptionalString(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::nullopt;
  if (it->is_string()) return it->get<std::string>();
  return std::nullopt;
}

}  // namespace

std::optional<InputFormat> ParseInputFormat(const std::string& name) {
  if (name == "html") return InputFormat::kHtml;
  if (name == "text") return InputFormat::kText;
  if (name == "jsonl") return InputFormat::kJsonl;
  if (name == "warc" || name == "arc" || name == "wet") return InputFormat::kArchive;
  return std::nullopt;
}

InputFormat FormatFromName(const std::string& path) {
  if (archive::IsArchiveName(path)) return InputFormat::kArchive;
  std::string p = Lower(path);
  if (EndsWith(p, ".txt")) return InputFormat::kText;
  if (EndsWith(p, ".jsonl") || EndsWith(p, ".ndjson")) return InputFormat::kJsonl;
  return InputFormat::kHtml;
}

struct InputReader::JsonlState {
  std::string name;
  std::ifstream file;
  bool from_stdin = false;
  size_t line = 0;
};

InputReader::InputReader(std::vector<std::string> inputs, InputOptions options)
    : inputs_(std::move(inputs)), options_(std::move(options)) {}

InputReader::~InputReader() = default;

uint64_t InputReader::ArchiveBytesTotal() const {
  // Walked once, on the first progress line: runs without one never pay for the walk.
  std::call_once(archive_bytes_once_, [this] {
    uint64_t total = 0;
    auto add = [&](const fs::path& p) {
      std::error_code ec;
      if (options_.format == InputFormat::kArchive || archive::IsArchiveName(p.string())) {
        const auto size = fs::file_size(p, ec);
        if (!ec) total += size;
      }
    };
    for (const std::string& input : inputs_) {
      std::error_code ec;
      if (input == "-") continue;
      if (!fs::is_directory(input, ec)) {
        add(input);
        continue;
      }
      for (auto it = fs::recursive_directory_iterator(
               input, fs::directory_options::skip_permission_denied, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec) && archive::IsArchiveName(it->path().string())) {
          add(it->path());
        }
      }
    }
    archive_bytes_total_ = total;
  });
  return archive_bytes_total_;
}

std::string InputReader::Progress() const {
  const uint64_t total = ArchiveBytesTotal();
  if (total == 0) return "";
  const uint64_t done = archive_progress_.bytes_read.load(std::memory_order_relaxed);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  if (seconds <= 0) return "";
  const double rate = static_cast<double>(done) / seconds;
  const double records =
      static_cast<double>(archive_progress_.records.load(std::memory_order_relaxed));
  char text[160];
  const int n = std::snprintf(text, sizeof text, "%.0f records/s, %.1f MB/s, %.1f of %.1f MB",
                              records / seconds, rate / 1e6, static_cast<double>(done) / 1e6,
                              static_cast<double>(total) / 1e6);
  std::string out(text, static_cast<size_t>(std::max(0, n)));
  if (rate > 0 && done < total) {
    const auto eta = static_cast<int64_t>(static_cast<double>(total - done) / rate);
    std::snprintf(text, sizeof text, ", ETA %lld:%02lld:%02lld", static_cast<long long>(eta / 3600),
                  static_cast<long long>(eta / 60 % 60), static_cast<long long>(eta % 60));
    out += text;
  }
  return out;
}

std::unique_ptr<ArchiveInput> InputReader::TakeArchive(const std::string& path) {
  std::unique_ptr<ArchiveInput> input;
  if (!ahead_.empty() && ahead_.front()->path() == path) {
    input = std::move(ahead_.front());
    ahead_.pop_front();
  } else {
    ahead_.clear();  // not the order foreseen (cannot happen): read from here on
    input = std::make_unique<ArchiveInput>(path, options_.shard, &archive_progress_);
  }
  ReadAhead();
  return input;
}

void InputReader::ReadAhead() {
  const size_t want = options_.archives_at_once > 1 ? options_.archives_at_once - 1 : 0;
  if (ahead_.size() >= want) return;
  // The archives known to come next, in order: files found in a directory, then the
  // remaining command-line inputs that are files.
  std::vector<std::string> next;
  auto consider = [&](const std::string& p) {
    if (p == "-") return;
    std::error_code ec;
    if (fs::is_directory(p, ec)) return;
    if (options_.format == InputFormat::kArchive || archive::IsArchiveName(p)) next.push_back(p);
  };
  for (const std::string& p : pending_files_) {
    if (next.size() >= want) break;
    consider(p);
  }
  for (size_t i = next_input_; i < inputs_.size() && next.size() < want; ++i) {
    std::error_code ec;
    if (fs::is_directory(inputs_[i], ec)) break;  // its files are not known yet
    consider(inputs_[i]);
  }
  for (size_t i = ahead_.size(); i < next.size() && ahead_.size() < want; ++i) {
    ahead_.push_back(std::make_unique<ArchiveInput>(next[i], options_.shard, &archive_progress_));
  }
}

Status InputReader::Validate() const {
  if (inputs_.empty()) return UsageError("extract: no input given (files, directories or -)");
  size_t stdin_count = 0;
  bool any_archive = options_.format == InputFormat::kArchive;
  for (const std::string& input : inputs_) {
    if (input == "-") ++stdin_count;
    if (input != "-" && archive::IsArchiveName(input)) any_archive = true;
  }
  if (stdin_count > 1) return UsageError("extract: - (standard input) given more than once");
  if (stdin_count && options_.format == InputFormat::kArchive) {
    return UsageError("extract: archives are read from files, not standard input");
  }
  bool single = inputs_.size() == 1 && (inputs_[0] == "-" || !fs::is_directory(inputs_[0]));
  if ((options_.url || options_.published) && !single) {
    return UsageError("extract: --url and --published apply to a single input file");
  }
  if ((options_.url || options_.published) && any_archive) {
    return UsageError(
        "extract: --url and --published do not apply to archives (each record "
        "has its own URL)");
  }
  return Status::Ok();
}

void InputReader::Expand(const std::string& dir) {
  std::vector<std::string> found;
  std::error_code ec;
  for (auto it =
           fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file(ec) && IsArticleName(it->path().string())) {
      found.push_back(it->path().string());
    }
  }
  std::sort(found.begin(), found.end());
  pending_files_.insert(pending_files_.end(), found.begin(), found.end());
}

std::optional<Item> InputReader::NextFromJsonl() {
  JsonlState& st = *jsonl_;
  std::string line;
  while (true) {
    bool got = st.from_stdin ? static_cast<bool>(std::getline(std::cin, line))
                             : static_cast<bool>(std::getline(st.file, line));
    if (!got) {
      jsonl_.reset();
      return std::nullopt;
    }
    ++st.line;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    Item item;
    item.name = st.name + ":" + std::to_string(st.line);
    nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object()) {
      item.error = InvalidInput("not a JSON object", item.name);
      return item;
    }
    auto id = j.find("id");
    if (id == j.end() || !(id->is_string() || id->is_number_integer())) {
      item.error = InvalidInput("missing \"id\" (a string)", item.name);
      return item;
    }
    item.id = id->is_string() ? id->get<std::string>() : std::to_string(id->get<int64_t>());
    auto html = OptionalString(j, "html");
    auto text = OptionalString(j, "text");
    if (html) {
      item.format = InputFormat::kHtml;
      item.bytes = std::move(*html);
    } else if (text) {
      item.format = InputFormat::kText;
      item.bytes = std::move(*text);
    } else {
      item.error = InvalidInput("needs \"html\" or \"text\" (a string)", item.name);
      return item;
    }
    item.url = OptionalString(j, "url");
    item.published = OptionalString(j, "published");
    if (options_.shard && !options_.shard->Contains(item.url ? *item.url : item.id)) continue;
    return item;
  }
}

std::optional<Item> InputReader::OpenJsonl(const std::string& path) {
  jsonl_ = std::make_shared<JsonlState>();
  jsonl_->name = path;
  if (path == "-") {
    jsonl_->from_stdin = true;
    return std::nullopt;
  }
  jsonl_->file.open(path, std::ios::binary);
  if (jsonl_->file) return std::nullopt;
  jsonl_.reset();
  return ErrorItem(
      path, fs::exists(path) ? IoError("cannot open file", path) : NotFound("no such file", path));
}

Item InputReader::FileItem(const std::string& path, InputFormat format) const {
  Item item;
  item.name = path;
  item.format = format;
  item.url = options_.url;
  item.published = options_.published;
  item.id = options_.url ? *options_.url : path;
  if (path == "-") {
    item.bytes = ReadStdin();
  } else {
    auto bytes = ReadFile(path, options_.max_file_bytes);
    if (!bytes.ok()) {
      item.error = bytes.status();
    } else {
      item.bytes = std::move(bytes).value();
    }
  }
  return item;
}

std::optional<Item> InputReader::Next() {
  while (true) {
    if (jsonl_) {
      if (auto item = NextFromJsonl()) return item;
      continue;
    }
    if (archive_) {
      if (auto item = archive_->Next()) return item;
      archive_.reset();
      continue;
    }
    std::string path;
    if (!pending_files_.empty()) {
      path = pending_files_.front();
      pending_files_.pop_front();
    } else if (next_input_ < inputs_.size()) {
      path = inputs_[next_input_++];
      std::error_code ec;
      if (path != "-" && fs::is_directory(path, ec)) {
        Expand(path);
        continue;
      }
    } else {
      return std::nullopt;
    }

    InputFormat format = options_.format != InputFormat::kAuto
                             ? options_.format
                             : (path == "-" ? InputFormat::kHtml : FormatFromName(path));
    if (format == InputFormat::kArchive) {
      if (path == "-") {
        return ErrorItem(path, UsageError("archives are read from files, not standard input"));
      }
      archive_ = TakeArchive(path);
      continue;
    }
    if (format == InputFormat::kJsonl) {
      if (auto failed = OpenJsonl(path)) return failed;
      continue;
    }
    if (options_.shard && path != "-" && !options_.shard->Contains(path)) continue;
    return FileItem(path, format);
  }
}

}  // namespace newsfacts::cli
