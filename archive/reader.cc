#include "archive/reader.h"

#include "archive/classify.h"
#include "archive/records.h"
#include "common/ascii.h"

namespace newsfacts::archive {
namespace {

class FileReader : public ArchiveReader {
 public:
  FileReader(std::string path, ReaderOptions options, std::unique_ptr<RecordReader> records)
      : path_(std::move(path)), options_(std::move(options)), records_(std::move(records)) {}

  std::optional<Entry> Next() override {
    Entry e;
    switch (records_->Next(&record_, &damage_)) {
      case RecordReader::Step::kEnd:
        return std::nullopt;
      case RecordReader::Step::kDamage:
        e = DamagedEntry(damage_, path_);
        break;
      case RecordReader::Step::kRecord:
        e = Classify(record_, path_, options_);
        break;
    }
    Count(e.kind);
    return e;
  }

  uint64_t bytes_read() const override { return records_->bytes_read(); }
  uint64_t file_size() const override { return records_->file_size(); }

 private:
  void Count(EntryKind kind) {
    ++counts_.records;
    switch (kind) {
      case EntryKind::kArticle:
        ++counts_.articles;
        break;
      case EntryKind::kNonHtml:
        ++counts_.non_html;
        break;
      case EntryKind::kStatus:
        ++counts_.status;
        break;
      case EntryKind::kRevisit:
        ++counts_.revisit;
        break;
      case EntryKind::kOther:
        ++counts_.other;
        break;
      case EntryKind::kNotMine:
        ++counts_.not_mine;
        break;
      case EntryKind::kDamaged:
        ++counts_.damaged;
        break;
    }
  }

  std::string path_;
  ReaderOptions options_;
  std::unique_ptr<RecordReader> records_;
  RawRecord record_;  // reused: its block keeps its capacity from record to record
  Damage damage_;
};

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

Result<std::unique_ptr<ArchiveReader>> ArchiveReader::Open(const std::string& path,
                                                           ReaderOptions options) {
  auto records = RecordReader::Open(path, 0, options.max_record_bytes);
  if (!records.ok()) return records.status();
  return std::unique_ptr<ArchiveReader>(
      new FileReader(path, std::move(options), std::move(records).value()));
}

std::string SummaryLine(const std::string& file, const ReadCounts& c) {
  return file + ": records " + std::to_string(c.records) + ", articles " +
         std::to_string(c.articles) + ", skipped " + std::to_string(c.skipped()) + " (non-HTML " +
         std::to_string(c.non_html) + ", status " + std::to_string(c.status) + ", revisit " +
         std::to_string(c.revisit) + ", other " + std::to_string(c.other + c.not_mine) +
         "), damaged " + std::to_string(c.damaged);
}

bool IsArchiveName(const std::string& path) {
  const std::string name = Lower(path);
  for (std::string_view base : {".warc", ".arc", ".wet"}) {
    for (std::string_view compression : {"", ".gz", ".zst"}) {
      if (base == ".arc" && compression == ".zst") continue;
      if (EndsWith(name, std::string(base) + std::string(compression))) return true;
    }
  }
  return false;
}

Result<Entry> ReadRecordAt(const std::string& path, uint64_t offset, const std::string& record_id,
                           const ReaderOptions& options) {
  auto records = RecordReader::Open(path, offset, options.max_record_bytes);
  if (!records.ok()) return records.status();
  const std::string where = path + "@" + std::to_string(offset);
  if (offset >= (*records)->file_size()) return NotFound("offset past the end of the file", where);
  RawRecord record;
  Damage damage;
  std::optional<Status> first_damage;
  for (;;) {
    const RecordReader::Step step = (*records)->Next(&record, &damage);
    if (step == RecordReader::Step::kEnd) break;
    if (step == RecordReader::Step::kDamage) {
      if (damage.not_a_record && damage.offset == offset && !first_damage) {
        return NotFound("no record starts there", where);
      }
      if (damage.offset != offset) break;  // past the member starting at offset
      const Status error = InvalidInput(damage.message, where);
      if (record_id.empty()) return error;
      // Looking for one record of a member: damage before it need not hide it.
      if (!first_damage) first_damage = error;
      continue;
    }
    if (record.offset != offset) break;  // past the member starting at offset
    if (record_id.empty() || Trim(record.Field("WARC-Record-ID")) == record_id) {
      Entry e = Classify(record, path, options);
      if (e.kind == EntryKind::kDamaged) return e.error;
      return e;
    }
  }
  if (first_damage) return *first_damage;
  return NotFound(record_id.empty() ? "no record there" : "no record " + record_id + " there",
                  where);
}

}  // namespace newsfacts::archive
