#include "store/store.h"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "common/utf8.h"
#include "store/queries.h"
#include "tests/temp_dir.h"

namespace newsfacts::store {
namespace {

namespace fs = std::filesystem;

using newsfacts::testing::TempDir;

// The database file opened with plain sqlite3, to check what the store wrote.
class RawDb {
 public:
  explicit RawDb(const std::string& path) {
    REQUIRE(sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                            nullptr) == SQLITE_OK);
  }
  ~RawDb() { sqlite3_close_v2(db_); }

  void Exec(const std::string& sql) {
    char* error = nullptr;
    const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error);
    INFO(sql, " -> ", (error ? error : ""));
    sqlite3_free(error);
    REQUIRE(rc == SQLITE_OK);
  }
  // First column of the first row as int64 (0 when there is no row).
  int64_t Int(const std::string& sql) {
    return Query(
        sql, [](sqlite3_stmt* s) { return static_cast<int64_t>(sqlite3_column_int64(s, 0)); },
        int64_t{0});
  }
  double Real(const std::string& sql) {
    return Query(
        sql, [](sqlite3_stmt* s) { return sqlite3_column_double(s, 0); }, -1.0);
  }
  // First column of the first row as text; "<null>" for SQL NULL, "<none>" for no row.
  std::string Text(const std::string& sql) {
    return Query(
        sql,
        [](sqlite3_stmt* s) -> std::string {
          if (sqlite3_column_type(s, 0) == SQLITE_NULL) return "<null>";
          const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
          return std::string(p, static_cast<size_t>(sqlite3_column_bytes(s, 0)));
        },
        std::string("<none>"));
  }

 private:
  template <typename F, typename T>
  T Query(const std::string& sql, F read, T none) {
    sqlite3_stmt* stmt = nullptr;
    INFO(sql, " -> ", sqlite3_errmsg(db_));
    REQUIRE(sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK);
    T result = none;
    const int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) result = read(stmt);
    sqlite3_finalize(stmt);
    REQUIRE((rc == SQLITE_ROW || rc == SQLITE_DONE));
    return result;
  }
  sqlite3* db_ = nullptr;
};

Store OpenOrDie(const std::string& path, const StoreOptions& options = {}) {
  Result<Store> store = Store::Open(path, options);
  INFO(store.status().ToString());
  REQUIRE(store.ok());
  return std::move(store).value();
}

// The code point span of the first occurrence of needle in text.
Span SpanOf(const std::string& text, const std::string& needle) {
  const size_t at = text.find(needle);
  REQUIRE(at != std::string::npos);
  const std::vector<int64_t> index = CodePointIndex(text);
  return Span{index[at], index[at + needle.size()]};
}

// Sentences written for these tests, around the figures of the seed story; with an emoji
// and a combining acute accent (e + U+0301) so code points and bytes differ.
const char kText[] =
    "\xF0\x9F\x9A\xA8 Troops seized 8,222.5 kilograms (8.2 tonnes) of fentanyl from "
    "December 1, 2018, to May 13, 2024.\n\n"
    "Secretary of State Antony Blinken told lawmakers that joint work had led to dozens of "
    "arrests. \"The numbers are real,\" Blinken said, \"and they keep growing.\"\n\n"
    "A cafe\xCC\x81 owner called the plan \"a good start\". Former President Enrique "
    "Pe\xC3\xB1"
    "a Nieto's government seized 532 kilograms in four years. Officials asked "
    "for 1.2 million dollars and a 0.1 percent rise.";

Article FullArticle() {
  Article a;
  a.id = "ledger-2024-0001";
  a.url = "https://borderledger.example/world/fentanyl-record?ref=rss";
  a.canonical_url = "https://borderledger.example/world/fentanyl-record";
  a.site = "borderledger.example";
  a.title = "Record seizure, \"joint\" effort";
  a.byline = "";  // empty, not null
  a.published = "2024-05-23T09:41:00Z";
  a.language = "en";
  a.text = kText;
  a.captions = {"Pills laid out on a table \xF0\x9F\x92\x8A", ""};

  Quantity kg;
  kg.text = "8,222.5 kilograms";
  kg.span = SpanOf(a.text, kg.text);
  kg.rule = "quantity.mass.metric";
  kg.ruleset_version = 3;
  kg.value = 8222.5;
  kg.unit = "kilogram";
  kg.dimension = "mass";
  kg.si_value = 8222.5;
  kg.si_unit = "kg";
  kg.subject = "fentanyl";
  a.quantities.push_back(kg);

  Quantity tonnes;
  tonnes.text = "8.2 tonnes";
  tonnes.span = SpanOf(a.text, tonnes.text);
  tonnes.rule = "quantity.mass.metric";
  tonnes.ruleset_version = 3;
  tonnes.value = 8.2;
  tonnes.unit = "tonne";
  tonnes.dimension = "mass";
  tonnes.si_value = 8200;
  tonnes.si_unit = "kg";
  tonnes.subject = "fentanyl";
  tonnes.equivalent_of = 0;
  a.quantities.push_back(tonnes);

  Quantity arrests;
  arrests.text = "dozens of arrests";
  arrests.span = SpanOf(a.text, arrests.text);
  arrests.rule = "quantity.count.dozens";
  arrests.ruleset_version = 3;
  arrests.value = 24;
  arrests.unit = "";
  arrests.dimension = "count";
  arrests.si_unit = "";
  arrests.approx = true;
  arrests.low = 24;
  arrests.subject = "arrests";
  a.quantities.push_back(arrests);

  Quantity money;
  money.text = "1.2 million dollars";
  money.span = SpanOf(a.text, money.text);
  money.rule = "quantity.currency.words";
  money.ruleset_version = 3;
  money.value = 1200000;
  money.unit = "US dollar";
  money.dimension = "currency";
  money.si_value = 1200000;
  money.si_unit = "USD";
  a.quantities.push_back(money);

  Quantity percent;
  percent.text = "0.1 percent";
  percent.span = SpanOf(a.text, percent.text);
  percent.rule = "quantity.percent";
  percent.ruleset_version = 4;
  percent.value = 0.1;
  percent.unit = "percent";
  percent.dimension = "percent";
  percent.si_value = 0.1;
  percent.si_unit = "%";
  percent.low = 0.1;
  percent.high = 0.30000000000000004;
  a.quantities.push_back(percent);

  DateFact range;
  range.text = "from December 1, 2018, to May 13, 2024";
  range.span = SpanOf(a.text, range.text);
  range.rule = "date.range.from_to";
  range.ruleset_version = 2;
  range.kind = "range";
  range.from = "2018-12-01";
  range.to = "2024-05-13";
  range.granularity = "day";
  a.dates.push_back(range);

  DateFact years;
  years.text = "four years";
  years.span = SpanOf(a.text, years.text);
  years.rule = "date.duration.words";
  years.ruleset_version = 2;
  years.kind = "duration";
  years.duration = "P4Y";
  a.dates.push_back(years);

  Official blinken;
  blinken.name = "Antony Blinken";
  blinken.title = "Secretary of State";
  blinken.affiliation = "U.S.";
  blinken.span = SpanOf(a.text, "Secretary of State Antony Blinken");
  blinken.rule = "official.title_name";
  blinken.ruleset_version = 1;
  blinken.mentions = {blinken.span, SpanOf(a.text, "Blinken said")};
  blinken.mentions[1].end = blinken.mentions[1].start + 7;
  a.officials.push_back(blinken);

  Official pena;
  pena.name =
      "Enrique Pe\xC3\xB1"
      "a Nieto";
  pena.title = "President";
  pena.former = true;
  pena.span = SpanOf(a.text, "Former President Enrique");
  pena.rule = "official.title_name";
  pena.ruleset_version = 1;
  a.officials.push_back(pena);  // no mentions: an empty list must survive

  Quote split;
  split.text = "The numbers are real, and they keep growing.";
  const Span first = SpanOf(a.text, "The numbers are real,");
  const Span second = SpanOf(a.text, "and they keep growing.");
  split.span = Span{first.start, second.end};
  split.parts = {first, second};
  split.speaker = "Antony Blinken";
  split.speaker_span = blinken.mentions[1];
  split.cue = "said";
  split.rule = "quote.split_said";
  split.ruleset_version = 5;
  a.quotes.push_back(split);

  Quote fragment;
  fragment.text = "a good start";
  fragment.span = SpanOf(a.text, "a good start");
  fragment.via = "Border Ledger";
  fragment.partial = true;
  fragment.rule = "quote.fragment";
  fragment.ruleset_version = 5;
  a.quotes.push_back(fragment);  // speaker, speaker_span and cue null; parts empty
  return a;
}

// An article with every optional field null, no captions and no facts.
Article BareArticle(const std::string& id, const std::string& text) {
  Article a;
  a.id = id;
  a.text = text;
  return a;
}

TEST_CASE("SpanOf counts code points, checked by hand") {
  // U+1F6A8 is one code point (4 bytes): "🚨 Troops seized " is 16 code points.
  CHECK(SpanOf(kText, "8,222.5") == Span{16, 23});
}

TEST_CASE("Open creates schema version 3 in WAL mode") {
  TempDir dir;
  const std::string path = dir.File("news.db");
  {
    Store store = OpenOrDie(path);
    CHECK(Store::SchemaVersion() == 3);
  }
  RawDb raw(path);
  CHECK(raw.Int("PRAGMA user_version") == 3);
  CHECK(raw.Text("PRAGMA journal_mode") == "wal");
  for (const char* table : {"articles", "quantities", "dates", "officials", "mentions", "quotes",
                            "quote_parts", "fetches", "runs", "articles_fts", "captures"}) {
    INFO(table);
    CHECK(raw.Int(std::string("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND "
                              "name = '") +
                  table + "'") == 1);
  }
  for (const char* column : {"fetch_id", "run_id", "stored_at", "captions"}) {
    INFO(column);
    CHECK(raw.Int(std::string("SELECT count(*) FROM pragma_table_info('articles') WHERE name = '") +
                  column + "'") == 1);
  }
  for (const char* column : {"url", "status", "fetched_at", "content_type", "etag", "last_modified",
                             "warc_file", "warc_offset", "warc_length", "payload_digest"}) {
    INFO(column);
    CHECK(raw.Int(std::string("SELECT count(*) FROM pragma_table_info('fetches') WHERE name = '") +
                  column + "'") == 1);
  }
}

TEST_CASE("Reopening is idempotent and keeps the data") {
  TempDir dir;
  const std::string path = dir.File("news.db");
  {
    Store store = OpenOrDie(path);
    REQUIRE(store.WriteArticles({FullArticle()}, 0).ok());
  }
  int64_t objects = 0;
  {
    RawDb raw(path);
    objects = raw.Int("SELECT count(*) FROM sqlite_master");
    CHECK(objects > 10);
  }
  {
    Store again = OpenOrDie(path);
    Result<std::optional<Article>> read = again.ReadArticle("ledger-2024-0001");
    REQUIRE(read.ok());
    CHECK(read->has_value());
  }
  Store third = OpenOrDie(path);
  RawDb raw(path);
  CHECK(raw.Int("PRAGMA user_version") == 3);
  CHECK(raw.Int("SELECT count(*) FROM sqlite_master") == objects);
  CHECK(raw.Int("SELECT count(*) FROM articles") == 1);
  CHECK(raw.Int("SELECT count(*) FROM quantities") == 5);
}

TEST_CASE("A database from a newer program is refused and left alone") {
  TempDir dir;
  const std::string path = dir.File("future.db");
  {
    RawDb raw(path);
    raw.Exec("CREATE TABLE future_things (x); PRAGMA user_version = 99;");
  }
  Result<Store> store = Store::Open(path);
  REQUIRE_FALSE(store.ok());
  CHECK(store.status().code() == StatusCode::kStorage);
  CHECK(store.status().message().find("99") != std::string::npos);
  CHECK(store.status().message().find("newer") != std::string::npos);

  Result<Store> read_only = Store::Open(path, StoreOptions{.read_only = true});
  REQUIRE_FALSE(read_only.ok());
  CHECK(read_only.status().message().find("99") != std::string::npos);

  RawDb raw(path);
  CHECK(raw.Int("PRAGMA user_version") == 99);
  CHECK(raw.Int("SELECT count(*) FROM sqlite_master") == 1);
}

TEST_CASE("A failed migration leaves the database as it was") {
  TempDir dir;
  const std::string path = dir.File("other.db");
  {
    RawDb raw(path);
    raw.Exec("CREATE TABLE articles (something_else TEXT)");
  }
  Result<Store> store = Store::Open(path);
  REQUIRE_FALSE(store.ok());
  CHECK(store.status().code() == StatusCode::kStorage);
  CHECK(store.status().message().find("already exists") != std::string::npos);
  RawDb raw(path);
  CHECK(raw.Int("PRAGMA user_version") == 0);
  CHECK(raw.Int("SELECT count(*) FROM sqlite_master") == 1);
}

TEST_CASE("A file that is not a database is refused") {
  TempDir dir;
  const std::string path = dir.File("notes.db");
  {
    std::ofstream out(path);
    out << "These are plain notes, not a database, and long enough to fill a header.\n";
  }
  Result<Store> store = Store::Open(path);
  REQUIRE_FALSE(store.ok());
  CHECK(store.status().code() == StatusCode::kStorage);
  CHECK(store.status().message().find("not a database") != std::string::npos);
  CHECK(store.status().where() == path);
}

TEST_CASE("Read-only open of a missing file is NotFound and creates nothing") {
  TempDir dir;
  const std::string path = dir.File("missing.db");
  Result<Store> store = Store::Open(path, StoreOptions{.read_only = true});
  REQUIRE_FALSE(store.ok());
  CHECK(store.status().code() == StatusCode::kNotFound);
  CHECK_FALSE(fs::exists(path));
}

TEST_CASE("Written articles read back byte for byte") {
  TempDir dir;
  const std::string path = dir.File("news.db");
  const Article full = FullArticle();
  Article bare = BareArticle("ledger-2024-0002", "");
  Article unicode = BareArticle(
      "ledger-2024-0003", "Line one\n\nZo\xC3\xAB \xF0\x9F\x87\xB2\xF0\x9F\x87\xBD n\xCC\x83");
  unicode.title = "";
  unicode.captions = {"", "\xE2\x80\x9Cquoted\xE2\x80\x9D"};
  {
    Store store = OpenOrDie(path);
    Status s = store.WriteArticles({full, bare, unicode}, 0);
    INFO(s.ToString());
    REQUIRE(s.ok());
  }
  // A fresh connection, so nothing can come from memory.
  Store store = OpenOrDie(path, StoreOptions{.read_only = true});
  for (const Article* written : std::vector<const Article*>{&full, &bare, &unicode}) {
    Result<std::optional<Article>> read = store.ReadArticle(written->id);
    REQUIRE(read.ok());
    REQUIRE(read->has_value());
    CHECK(ToJsonLine(**read) == ToJsonLine(*written));
    CHECK((*read)->quantities.size() == written->quantities.size());
  }

  Result<std::optional<Article>> read = store.ReadArticle("ledger-2024-0001");
  REQUIRE(read.ok());
  const Article& a = **read;
  // Fields the JSON does not show are kept too.
  REQUIRE(a.quantities.size() == 5);
  CHECK(a.quantities[4].ruleset_version == 4);
  CHECK(a.quotes[0].ruleset_version == 5);
  // Values checked by hand against what was written above.
  CHECK(a.byline == std::optional<std::string>(""));
  CHECK(a.quantities[0].value == 8222.5);
  CHECK(a.quantities[3].value == 1200000.0);
  CHECK(a.quantities[4].value == 0.1);
  CHECK(a.quantities[4].high == 0.30000000000000004);
  CHECK(a.quantities[1].equivalent_of == 0);
  CHECK_FALSE(a.quantities[0].equivalent_of.has_value());
  CHECK_FALSE(a.quantities[2].si_value.has_value());
  CHECK(a.officials[0].mentions.size() == 2);
  CHECK(a.officials[1].mentions.empty());
  CHECK(a.quotes[0].parts.size() == 2);
  CHECK_FALSE(a.quotes[1].speaker_span.has_value());
  CHECK_FALSE(a.quotes[1].speaker.has_value());

  const std::string line = ToJsonLine(a);
  CHECK(line.find("\"value\":8222.5,") != std::string::npos);
  CHECK(line.find("\"value\":1200000.0,") != std::string::npos);
  CHECK(line.find("\"byline\":\"\",") != std::string::npos);
  CHECK(line.find("\"speaker_span\":null") != std::string::npos);

  // Only the facts asked for; the article's own columns all the same.
  Result<std::optional<Article>> some =
      store.ReadArticle("ledger-2024-0001", Store::kQuantities | Store::kQuotes);
  REQUIRE(some.ok());
  REQUIRE(some->has_value());
  CHECK((*some)->text == a.text);
  CHECK((*some)->quantities.size() == 5);
  CHECK((*some)->quotes.size() == a.quotes.size());
  CHECK((*some)->quotes[0].parts.size() == 2);
  CHECK((*some)->dates.empty());
  CHECK((*some)->officials.empty());
  CHECK_FALSE(a.dates.empty());
  CHECK_FALSE(a.officials.empty());
  Result<std::optional<Article>> officials =
      store.ReadArticle("ledger-2024-0001", Store::kOfficials);
  REQUIRE(officials.ok());
  CHECK((*officials)->quantities.empty());
  CHECK((*officials)->officials.size() == a.officials.size());
  CHECK((*officials)->officials[0].mentions.size() == 2);

  Result<std::optional<Article>> bare_read = store.ReadArticle("ledger-2024-0002");
  REQUIRE(bare_read.ok());
  CHECK(ToJsonLine(**bare_read).find("\"url\":null,\"canonical_url\":null") != std::string::npos);
  CHECK(ToJsonLine(**bare_read)
            .find("\"captions\":[],\"archive\":null,\"quantities\":[],\"dates\":[]") !=
        std::string::npos);

  Result<std::optional<Article>> none = store.ReadArticle("no-such-article");
  REQUIRE(none.ok());
  CHECK_FALSE(none->has_value());

  RawDb raw(path);
  const std::string key = "article_id = 'ledger-2024-0001'";
  CHECK(raw.Text("SELECT typeof(value) FROM quantities WHERE " + key + " AND position = 0") ==
        "real");
  CHECK(raw.Real("SELECT value FROM quantities WHERE " + key + " AND position = 0") == 8222.5);
  CHECK(raw.Int("SELECT span_start FROM quantities WHERE " + key + " AND position = 0") == 16);
  CHECK(raw.Int("SELECT span_end FROM quantities WHERE " + key + " AND position = 0") == 33);
  CHECK(raw.Text("SELECT rule || '@' || ruleset_version FROM quantities WHERE " + key +
                 " AND position = 4") == "quantity.percent@4");
  CHECK(raw.Int("SELECT equivalent_of FROM quantities WHERE " + key + " AND position = 1") == 0);
  CHECK(raw.Text("SELECT date_from || '..' || date_to FROM dates WHERE " + key +
                 " AND position = 0") == "2018-12-01..2024-05-13");
  CHECK(raw.Int("SELECT count(*) FROM mentions WHERE " + key) == 2);
  CHECK(raw.Int("SELECT count(*) FROM quote_parts WHERE " + key) == 2);
  CHECK(raw.Text("SELECT speaker_span_start FROM quotes WHERE " + key + " AND position = 1") ==
        "<null>");
  CHECK(raw.Text("SELECT byline FROM articles WHERE id = 'ledger-2024-0001'") == "");
  CHECK(raw.Text("SELECT byline FROM articles WHERE id = 'ledger-2024-0002'") == "<null>");
  CHECK(raw.Text("SELECT captions FROM articles WHERE id = 'ledger-2024-0002'") == "[]");
}

TEST_CASE("Odd doubles keep their JSON form") {
  TempDir dir;
  Store store = OpenOrDie(dir.File("news.db"));
  Article a = BareArticle("odd-numbers", "Some figures.");
  for (double v :
       {1e-300, 1.7976931348623157e308, -3.25, 0.0, 123456789012345678.0, std::nan(""), HUGE_VAL}) {
    Quantity q;
    q.text = "x";
    q.rule = "test.rule";
    q.value = v;
    q.si_value = v;
    a.quantities.push_back(q);
  }
  REQUIRE(store.WriteArticles({a}, 0).ok());
  Result<std::optional<Article>> read = store.ReadArticle(a.id);
  REQUIRE(read.ok());
  CHECK(ToJsonLine(**read) == ToJsonLine(a));
}

TEST_CASE("Negative zero reads back as zero (documented limit of REAL columns)") {
  // SQLite writes an integral REAL as an integer on disk, which drops the sign of -0.0.
  TempDir dir;
  Store store = OpenOrDie(dir.File("news.db"));
  Article a = BareArticle("minus-zero", "Zero.");
  Quantity q;
  q.rule = "test.rule";
  q.value = -0.0;
  a.quantities.push_back(q);
  REQUIRE(store.WriteArticles({a}, 0).ok());
  Result<std::optional<Article>> read = store.ReadArticle(a.id);
  REQUIRE(read.ok());
  CHECK((**read).quantities[0].value == 0.0);
  CHECK_FALSE(std::signbit((**read).quantities[0].value));
}

TEST_CASE("lookups: figures nearest the value first, words whole or as stems") {
  TempDir dir;
  const std::string path = dir.File("news.db");
  Store store = OpenOrDie(path);
  // One count per article: 100 (a), 130 (b), 90 (c), 70 (d), 1,000 (e, out of range).
  std::vector<Article> articles;
  const std::vector<std::pair<std::string, double>> counts = {
      {"a", 100}, {"b", 130}, {"c", 90}, {"d", 70}, {"e", 1000}};
  for (const auto& [id, value] : counts) {
    Article a = BareArticle(id, "Police reported seizures of pills.");
    Quantity q;
    q.text = "x";
    q.span = {0, 1};
    q.rule = "t";
    q.value = value;
    q.dimension = "count";
    q.si_value = value;
    a.quantities.push_back(q);
    articles.push_back(a);
  }
  articles[2].text = "Police reported a seizure.";
  REQUIRE(store.WriteArticles(articles, 0).ok());
  // Around 95 in [50, 500]: 90 (5 away), 100 (5, the upper side first on a tie), 70 (25),
  // 130 (35); 1,000 is outside.
  auto near = ArticlesWithFigures(store, "", 95, 50, 500, {}, 10);
  REQUIRE(near.ok());
  CHECK(*near == std::vector<std::string>{"a", "c", "d", "b"});
  auto two = ArticlesWithFigures(store, "", 95, 50, 500, {}, 2);
  REQUIRE(two.ok());
  CHECK(*two == std::vector<std::string>{"a", "c"});
  auto none = ArticlesWithFigures(store, "kg", 95, 50, 500, {}, 10);
  REQUIRE(none.ok());
  CHECK(none->empty());

  // "seizu" is a stem: whole, it is no word of any article; as a prefix it finds "seizures"
  // (a, b, d, e) and "seizure" (c).
  auto whole = ArticlesMatchingWords(store, {"seizu"}, {}, 10);
  REQUIRE(whole.ok());
  CHECK(whole->empty());
  auto stems = ArticlesMatchingWords(store, {"seizu"}, {}, 10, WordMatch::kPrefix);
  REQUIRE(stems.ok());
  CHECK(stems->size() == 5);
  // As stems: a word of five letters may be cut from a longer one, a shorter one is whole
  // ("rep" is no word here, though "reported" begins with it).
  auto cut = ArticlesMatchingWords(store, {"seizu", "rep"}, {}, 10, WordMatch::kStems);
  REQUIRE(cut.ok());
  CHECK(cut->size() == 5);
  auto short_word = ArticlesMatchingWords(store, {"rep"}, {}, 10, WordMatch::kStems);
  REQUIRE(short_word.ok());
  CHECK(short_word->empty());
  auto begun = ArticlesMatchingWords(store, {"rep"}, {}, 10, WordMatch::kPrefix);
  REQUIRE(begun.ok());
  CHECK(begun->size() == 5);
  auto pills = ArticlesMatchingWords(store, {"pills"}, {}, 10);
  REQUIRE(pills.ok());
  CHECK(pills->size() == 4);
}

TEST_CASE("Rewriting an article replaces all its facts") {
  TempDir dir;
  const std::string path = dir.File("news.db");
  Store store = OpenOrDie(path);
  REQUIRE(store.WriteArticles({FullArticle(), BareArticle("other", "Unrelated words.")}, 0).ok());

  Article fewer = FullArticle();
  fewer.title = "Record seizure";
  fewer.quantities.resize(1);
  fewer.dates.clear();
  fewer.officials.resize(1);
  fewer.officials[0].mentions.resize(1);
  fewer.quotes.resize(1);
  fewer.quotes[0].parts.resize(1);
  REQUIRE(store.WriteArticles({fewer}, 0).ok());

  RawDb raw(path);
  const std::string key = " WHERE article_id = 'ledger-2024-0001'";
  CHECK(raw.Int("SELECT count(*) FROM articles") == 2);
  CHECK(raw.Int("SELECT count(*) FROM quantities" + key) == 1);
  CHECK(raw.Int("SELECT count(*) FROM dates" + key) == 0);
  CHECK(raw.Int("SELECT count(*) FROM officials" + key) == 1);
  CHECK(raw.Int("SELECT count(*) FROM mentions" + key) == 1);
  CHECK(raw.Int("SELECT count(*) FROM quotes" + key) == 1);
  CHECK(raw.Int("SELECT count(*) FROM quote_parts" + key) == 1);
  CHECK(raw.Text("SELECT title FROM articles WHERE id = 'ledger-2024-0001'") == "Record seizure");

  Result<std::optional<Article>> read = store.ReadArticle("ledger-2024-0001");
  REQUIRE(read.ok());
  CHECK(ToJsonLine(**read) == ToJsonLine(fewer));

  // The replaced article keeps its place: order is that of first storage.
  std::vector<std::string> ids;
  REQUIRE(store
              .ForEachArticle([&](const Article& a) {
                ids.push_back(a.id);
                return true;
              })
              .ok());
  CHECK(ids == std::vector<std::string>{"ledger-2024-0001", "other"});
}

TEST_CASE("The same id twice in one batch: the later article wins") {
  TempDir dir;
  const std::string path = dir.File("news.db");
  Store store = OpenOrDie(path);
  Article later = FullArticle();
  later.quantities.resize(2);
  later.title = "Later";
  REQUIRE(store.WriteArticles({FullArticle(), later}, 0).ok());
  RawDb raw(path);
  CHECK(raw.Int("SELECT count(*) FROM articles") == 1);
  CHECK(raw.Int("SELECT count(*) FROM quantities") == 2);
  CHECK(raw.Text("SELECT title FROM articles") == "Later");
}

TEST_CASE("A batch that fails midway leaves nothing of the batch") {
  TempDir dir;
  const std::string path = dir.File("news.db");
  Store store = OpenOrDie(path);
  const Article original = FullArticle();
  REQUIRE(store.WriteArticles({original}, 0).ok());

  Article replacement = FullArticle();
  replacement.quantities.clear();
  replacement.text = "Replacement text about canines.";
  Article added = BareArticle("added", "An added article.");
  Article broken = BareArticle("broken", "Broken spans.");
  Quantity bad;
  bad.text = "-";
  bad.rule = "test.rule";
  bad.span = Span{5, 2};  // end before start: the schema's CHECK refuses it
  broken.quantities.push_back(bad);

  Status s = store.WriteArticles({replacement, added, broken}, 0);
  REQUIRE_FALSE(s.ok());
  CHECK(s.code() == StatusCode::kStorage);
  CHECK(s.message().find("CHECK constraint failed") != std::string::npos);
  CHECK(s.message().find("275") != std::string::npos);  // SQLITE_CONSTRAINT_CHECK
  CHECK(s.message().find("broken") != std::string::npos);

  RawDb raw(path);
  CHECK(raw.Int("SELECT count(*) FROM articles") == 1);
  CHECK(raw.Int("SELECT count(*) FROM quantities") == 5);
  CHECK(raw.Text("SELECT text FROM articles") == kText);

  // A run id that does not exist violates a foreign key, with the same all-or-nothing result.
  Status fk = store.WriteArticles({added}, 12345);
  REQUIRE_FALSE(fk.ok());
  CHECK(fk.message().find("FOREIGN KEY") != std::string::npos);
  CHECK(raw.Int("SELECT count(*) FROM articles") == 1);

  // The store is still usable after a failed batch.
  REQUIRE(store.WriteArticles({added}, 0).ok());
  CHECK(raw.Int("SELECT count(*) FROM articles") == 2);
  Result<std::optional<Article>> read = store.ReadArticle(original.id);
  REQUIRE(read.ok());
  CHECK(ToJsonLine(**read) == ToJsonLine(original));
}

TEST_CASE("The full-text index follows the articles") {
  TempDir dir;
  const std::string path = dir.File("news.db");
  Store store = OpenOrDie(path);
  REQUIRE(store.WriteArticles({FullArticle(), BareArticle("other", "Rain fell on the harbour.")}, 0)
              .ok());
  RawDb raw(path);
  const std::string query =
      "SELECT group_concat(a.id, ' ') FROM articles_fts JOIN articles a "
      "ON a.seq = articles_fts.rowid WHERE articles_fts MATCH ";
  CHECK(raw.Text(query + "'fentanyl'") == "ledger-2024-0001");
  CHECK(raw.Text(query + "'harbour'") == "other");
  CHECK(raw.Text(query + "'title:joint'") == "ledger-2024-0001");
  CHECK(raw.Text(query + "'cafe'") == "ledger-2024-0001");  // diacritics folded

  Article changed = FullArticle();
  changed.text = "Nothing about the drug this time; only canines.";
  REQUIRE(store.WriteArticles({changed}, 0).ok());
  CHECK(raw.Text(query + "'fentanyl'") == "<null>");
  CHECK(raw.Text(query + "'canines'") == "ledger-2024-0001");
  raw.Exec("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)");
}

TEST_CASE("Runs record versions, command and times") {
  TempDir dir;
  const std::string path = dir.File("news.db");
  Store store = OpenOrDie(path);
  Result<int64_t> run =
      store.BeginRun(RunInfo{"0.1.0", {{"quantity", 3}, {"dates", 2}}, "extract", ""});
  REQUIRE(run.ok());
  REQUIRE(store.WriteArticles({FullArticle()}, *run).ok());

  RawDb raw(path);
  const std::string where = " FROM runs WHERE id = " + std::to_string(*run);
  CHECK(raw.Text("SELECT program_version" + where) == "0.1.0");
  CHECK(raw.Text("SELECT command" + where) == "extract");
  CHECK(raw.Text("SELECT ruleset_versions" + where) == "{\"dates\":2,\"quantity\":3}");
  CHECK(raw.Text("SELECT finished_at" + where) == "<null>");
  const std::string started = raw.Text("SELECT started_at" + where);
  REQUIRE(started.size() == 20);
  CHECK(started[4] == '-');
  CHECK(started[10] == 'T');
  CHECK(started[19] == 'Z');
  CHECK(raw.Int("SELECT run_id FROM articles") == *run);

  REQUIRE(store.EndRun(*run, 1, 2).ok());
  CHECK(raw.Int("SELECT articles_stored" + where) == 1);
  CHECK(raw.Int("SELECT articles_failed" + where) == 2);
  CHECK(raw.Int("SELECT finished_at >= started_at" + where) == 1);
  CHECK(raw.Text("SELECT substr(finished_at, 20)" + where) == "Z");

  Status missing = store.EndRun(*run + 100, 0, 0);
  CHECK(missing.code() == StatusCode::kNotFound);
}

std::string ExportToString(const Store& store, ExportFormat format, const std::string& what) {
  std::ostringstream out;
  Status s = Export(store, format, what, out);
  INFO(s.ToString());
  REQUIRE(s.ok());
  return out.str();
}

TEST_CASE("Export of articles as JSON Lines is ToJsonLine per line") {
  TempDir dir;
  Store store = OpenOrDie(dir.File("news.db"));
  const std::vector<Article> batch = {FullArticle(), BareArticle("b", "Second."),
                                      BareArticle("c", "Third.")};
  REQUIRE(store.WriteArticles(batch, 0).ok());
  std::string expected;
  for (const Article& a : batch) expected += ToJsonLine(a) + "\n";
  CHECK(ExportToString(store, ExportFormat::kJsonl, "articles") == expected);
}

TEST_CASE("Export of facts as JSON Lines puts article_id first") {
  TempDir dir;
  Store store = OpenOrDie(dir.File("news.db"));
  REQUIRE(store.WriteArticles({FullArticle(), BareArticle("empty", "No facts.")}, 0).ok());
  const std::string dates = ExportToString(store, ExportFormat::kJsonl, "dates");
  CHECK(dates ==
        "{\"article_id\":\"ledger-2024-0001\",\"text\":\"from December 1, 2018, to May 13, "
        "2024\",\"span\":[59,97],\"rule\":\"date.range.from_to\",\"kind\":\"range\","
        "\"from\":\"2018-12-01\",\"to\":\"2024-05-13\",\"granularity\":\"day\","
        "\"duration\":null}\n"
        "{\"article_id\":\"ledger-2024-0001\",\"text\":\"four years\",\"span\":[378,388],"
        "\"rule\":\"date.duration.words\",\"kind\":\"duration\",\"from\":null,\"to\":null,"
        "\"granularity\":null,\"duration\":\"P4Y\"}\n");
  const std::string quotes = ExportToString(store, ExportFormat::kJsonl, "quotes");
  CHECK(std::count(quotes.begin(), quotes.end(), '\n') == 2);
  CHECK(quotes.rfind("{\"article_id\":\"ledger-2024-0001\",\"text\":\"The numbers", 0) == 0);
}

TEST_CASE("CSV export quotes commas, quotes and newlines (RFC 4180)") {
  TempDir dir;
  Store store = OpenOrDie(dir.File("news.db"));
  Article a = BareArticle("csv-1", "Short text.");
  a.site = "example.org";
  a.title = "Seized, \"weighed\"\nand burned";
  a.byline = "";
  a.language = "en";
  a.captions = {"One, two"};
  Quantity q;
  q.text = "8,222.5 kilograms";
  q.span = Span{0, 17};
  q.rule = "quantity.mass";
  q.value = 8222.5;
  q.unit = "kilogram";
  q.dimension = "mass";
  q.si_value = 8222.5;
  q.si_unit = "kg";
  q.subject = "fentanyl";
  a.quantities.push_back(q);
  q.text = "1.2 million";
  q.span = Span{20, 31};
  q.value = 1200000;
  q.unit = "";
  q.dimension = "count";
  q.si_value.reset();
  q.si_unit = "";
  q.approx = true;
  q.subject.reset();
  q.equivalent_of = 0;
  a.quantities.push_back(q);
  Official o;
  o.name = "Luis Cresencio Sandoval";
  o.title = "National Defense Minister";
  o.affiliation = "Mexico";
  o.span = Span{3, 9};
  o.rule = "official.title_name";
  o.mentions = {Span{3, 9}, Span{40, 48}};
  a.officials.push_back(o);
  Quote quote;
  quote.text = "It is \"big\"";
  quote.span = Span{1, 12};
  quote.parts = {Span{1, 5}, Span{7, 12}};
  quote.speaker_span = Span{14, 20};
  quote.rule = "quote.plain";
  a.quotes.push_back(quote);
  REQUIRE(store.WriteArticles({a}, 0).ok());

  CHECK(ExportToString(store, ExportFormat::kCsv, "articles") ==
        "id,url,canonical_url,site,title,byline,published,language,text,captions\r\n"
        "csv-1,,,example.org,\"Seized, \"\"weighed\"\"\nand burned\",\"\",,en,Short text.,"
        "\"[\"\"One, two\"\"]\"\r\n");
  CHECK(ExportToString(store, ExportFormat::kCsv, "quantities") ==
        "article_id,text,span_start,span_end,rule,value,unit,dimension,si_value,si_unit,approx,"
        "low,high,subject,equivalent_of\r\n"
        "csv-1,\"8,222.5 kilograms\",0,17,quantity.mass,8222.5,kilogram,mass,8222.5,kg,false,"
        ",,fentanyl,\r\n"
        "csv-1,1.2 million,20,31,quantity.mass,1200000.0,\"\",count,,\"\",true,,,,0\r\n");
  CHECK(ExportToString(store, ExportFormat::kCsv, "officials") ==
        "article_id,name,title,former,affiliation,span_start,span_end,rule,mentions\r\n"
        "csv-1,Luis Cresencio Sandoval,National Defense Minister,false,Mexico,3,9,"
        "official.title_name,\"[[3,9],[40,48]]\"\r\n");
  CHECK(ExportToString(store, ExportFormat::kCsv, "quotes") ==
        "article_id,text,span_start,span_end,parts,speaker,speaker_span_start,speaker_span_end,"
        "cue,via,partial,rule\r\n"
        "csv-1,\"It is \"\"big\"\"\",1,12,\"[[1,5],[7,12]]\",,14,20,,,false,quote.plain\r\n");
  CHECK(ExportToString(store, ExportFormat::kCsv, "dates") ==
        "article_id,text,span_start,span_end,rule,kind,from,to,granularity,duration\r\n");
}

TEST_CASE("Export of an unknown kind is InvalidInput naming it") {
  TempDir dir;
  Store store = OpenOrDie(dir.File("news.db"));
  std::ostringstream out;
  Status s = Export(store, ExportFormat::kCsv, "people", out);
  CHECK(s.code() == StatusCode::kInvalidInput);
  CHECK(s.message().find("people") != std::string::npos);
  CHECK(out.str().empty());
}

TEST_CASE("ForEachArticle stops when asked") {
  TempDir dir;
  Store store = OpenOrDie(dir.File("news.db"));
  REQUIRE(
      store
          .WriteArticles(
              {BareArticle("a", "One."), BareArticle("b", "Two."), BareArticle("c", "Three.")}, 0)
          .ok());
  int seen = 0;
  REQUIRE(store
              .ForEachArticle([&](const Article& a) {
                ++seen;
                // Reading inside the walk must not disturb it.
                Result<std::optional<Article>> again = store.ReadArticle(a.id);
                CHECK(again.ok());
                return seen < 2;
              })
              .ok());
  CHECK(seen == 2);
}

TEST_CASE("Read-only store refuses writes") {
  TempDir dir;
  const std::string path = dir.File("news.db");
  { Store store = OpenOrDie(path); }
  Store store = OpenOrDie(path, StoreOptions{.read_only = true});
  Status s = store.WriteArticles({BareArticle("a", "One.")}, 0);
  CHECK(s.code() == StatusCode::kStorage);
  CHECK_FALSE(store.BeginRun(RunInfo{}).ok());
}

TEST_CASE("The example queries of docs/schema.md run") {
  std::ifstream doc(std::string(NEWSFACTS_SOURCE_DIR) + "/docs/schema.md");
  REQUIRE(doc.good());
  std::vector<std::string> queries;
  std::string line, query;
  bool in_sql = false;
  while (std::getline(doc, line)) {
    if (line == "```sql") {
      in_sql = true;
      query.clear();
    } else if (in_sql && line == "```") {
      in_sql = false;
      queries.push_back(query);
    } else if (in_sql) {
      query += line + "\n";
    }
  }
  REQUIRE(queries.size() >= 5);

  TempDir dir;
  const std::string path = dir.File("news.db");
  Store store = OpenOrDie(path);
  Article other = FullArticle();
  other.id = "ledger-2024-0009";
  REQUIRE(store.WriteArticles({FullArticle(), other}, 0).ok());
  RawDb raw(path);
  for (const std::string& q : queries) {
    INFO(q);
    raw.Text(q);  // fails the test if the query does not prepare or run
  }
  // The first example lists the fentanyl quantities: two per article here.
  CHECK(raw.Int("SELECT count(*) FROM (" + queries[0].substr(0, queries[0].find(';')) + ")") == 4);
  CHECK(raw.Text(queries[0]) == "ledger-2024-0001");
}

TEST_CASE("A writer that cannot get the lock in time fails cleanly") {
  TempDir dir;
  const std::string path = dir.File("news.db");
  { Store store = OpenOrDie(path); }
  RawDb other(path);
  other.Exec("BEGIN IMMEDIATE");
  Store store = OpenOrDie(path, StoreOptions{.busy_timeout_ms = 50});
  Status s = store.WriteArticles({BareArticle("a", "One.")}, 0);
  CHECK(s.code() == StatusCode::kStorage);
  CHECK(s.message().find("locked") != std::string::npos);
  other.Exec("ROLLBACK");
  CHECK(store.WriteArticles({BareArticle("a", "One.")}, 0).ok());
  CHECK(other.Int("SELECT count(*) FROM articles") == 1);
}

// An archived article: id and url the captured URL, its capture as given.
Article Captured(const std::string& url, const std::string& date, const std::string& digest,
                 const std::string& text, int64_t offset = 0) {
  Article a = BareArticle(url, text);
  a.url = url;
  a.archive = ArchiveRef{"/data/cc-news-00001.warc.gz", offset, 1234,
                         "<urn:uuid:" + digest + ">",   date,   digest};
  return a;
}

TEST_CASE("Captures: the latest capture is the stored article whatever the order") {
  const std::string url = "https://borderledger.example/world/seizure";
  const Article early = Captured(url, "2024-05-23T09:41:00Z", "sha1:AAAA", "Early text.", 10);
  const Article late = Captured(url, "2024-05-24T08:00:00Z", "sha1:BBBB", "Edited text.", 20);
  for (bool late_first : {false, true}) {
    CAPTURE(late_first);
    TempDir dir;
    const std::string path = dir.File("news.db");
    Store store = OpenOrDie(path);
    std::vector<WriteOutcome> first, second;
    REQUIRE(store.WriteArticles({late_first ? late : early}, 0, &first).ok());
    REQUIRE(store.WriteArticles({late_first ? early : late}, 0, &second).ok());
    CHECK(first[0] == WriteOutcome::kAdded);
    CHECK(second[0] == (late_first ? WriteOutcome::kKeptLater : WriteOutcome::kReplaced));
    auto read = store.ReadArticle(url);
    REQUIRE(read.ok());
    REQUIRE(read->has_value());
    CHECK((*read)->text == "Edited text.");
    REQUIRE((*read)->archive.has_value());
    CHECK(*(*read)->archive == *late.archive);
    RawDb raw(path);
    CHECK(raw.Int("SELECT count(*) FROM captures") == 2);
    CHECK(raw.Text("SELECT group_concat(digest || '@' || offset, ' ') FROM "
                   "(SELECT * FROM captures ORDER BY date)") == "sha1:AAAA@10 sha1:BBBB@20");
    CHECK(raw.Int("SELECT count(*) FROM captures WHERE article_id = '" + url + "'") == 2);
  }
}

TEST_CASE("Captures: the same date breaks ties by digest; the same capture twice is one row") {
  const std::string url = "https://borderledger.example/a";
  const Article x = Captured(url, "2024-05-23T09:41:00Z", "sha1:XXXX", "Text X.");
  const Article y = Captured(url, "2024-05-23T09:41:00Z", "sha1:YYYY", "Text Y.");
  TempDir dir;
  Store store = OpenOrDie(dir.File("news.db"));
  REQUIRE(store.WriteArticles({y}, 0).ok());
  REQUIRE(store.WriteArticles({x}, 0).ok());
  CHECK((*store.ReadArticle(url))->text == "Text Y.");
  // The same capture again (a second copy of the file, or a re-run): one capture row, and
  // the article is stored again (re-extraction refreshes its facts).
  Article again = y;
  again.archive->file = "/copy/of/it.warc.gz";
  std::vector<WriteOutcome> outcome;
  REQUIRE(store.WriteArticles({again}, 0, &outcome).ok());
  CHECK(outcome[0] == WriteOutcome::kReplaced);
  RawDb raw(dir.File("news.db"));
  CHECK(raw.Int("SELECT count(*) FROM captures") == 2);
  // Of two copies of one capture, the first-named file is kept, whatever came first.
  CHECK(raw.Text("SELECT file FROM captures WHERE digest = 'sha1:YYYY'") == "/copy/of/it.warc.gz");
  Article back = y;
  back.archive->file = "/zzz/last.warc.gz";
  REQUIRE(store.WriteArticles({back}, 0).ok());
  CHECK(raw.Text("SELECT file FROM captures WHERE digest = 'sha1:YYYY'") == "/copy/of/it.warc.gz");
}

TEST_CASE("Captures: an article without an archive replaces as before and records none") {
  TempDir dir;
  Store store = OpenOrDie(dir.File("news.db"));
  const std::string url = "https://borderledger.example/b";
  REQUIRE(store.WriteArticles({Captured(url, "2024-05-24T00:00:00Z", "sha1:CCCC", "Archived.")}, 0)
              .ok());
  Article plain = BareArticle(url, "From a file.");
  REQUIRE(store.WriteArticles({plain}, 0).ok());
  auto read = store.ReadArticle(url);
  CHECK((*read)->text == "From a file.");
  CHECK_FALSE((*read)->archive.has_value());
  RawDb raw(dir.File("news.db"));
  CHECK(raw.Int("SELECT count(*) FROM captures") == 1);
}

TEST_CASE("Rule-set versions and the reference date are kept per article; stale ones are found") {
  TempDir dir;
  Store store = OpenOrDie(dir.File("news.db"));
  auto old_run = store.BeginRun(RunInfo{"0.1.0", {{"dates", 1}, {"quantities", 4}}, "extract", ""});
  auto new_run =
      store.BeginRun(RunInfo{"0.1.0", {{"dates", 2}, {"quantities", 4}}, "extract", "2/4"});
  REQUIRE(old_run.ok());
  REQUIRE(new_run.ok());
  Article a = BareArticle("a", "One.");
  a.reference_date = "2024-05-23";
  REQUIRE(store.WriteArticles({a, BareArticle("b", "Two.")}, *old_run).ok());
  REQUIRE(store.WriteArticles({BareArticle("c", "Three.")}, *new_run).ok());
  REQUIRE(store.WriteArticles({BareArticle("d", "Four.")}, 0).ok());
  auto read = store.ReadArticle("a");
  CHECK((*read)->reference_date == std::optional<std::string>("2024-05-23"));
  CHECK((*read)->ruleset_versions == std::optional<std::string>(R"({"dates":1,"quantities":4})"));
  CHECK_FALSE((*store.ReadArticle("d"))->ruleset_versions.has_value());

  const std::string current = R"({"dates":2,"quantities":4})";
  CHECK(*store.CountArticles(&current) == 3);  // a, b (older), d (unknown)
  CHECK(*store.CountArticles(nullptr) == 4);
  int64_t last = 0;
  std::vector<std::string> ids;
  while (true) {
    auto page = store.ReadArticlesAfter(last, 2, &current, false, &last);
    REQUIRE(page.ok());
    if (page->empty()) break;
    for (const Article& x : *page) ids.push_back(x.id);
  }
  CHECK(ids == std::vector<std::string>{"a", "b", "d"});
  RawDb raw(dir.File("news.db"));
  CHECK(raw.Text("SELECT shard FROM runs WHERE id = " + std::to_string(*new_run)) == "2/4");
  CHECK(raw.Text("SELECT shard FROM runs WHERE id = " + std::to_string(*old_run)) == "<null>");
}

}  // namespace
}  // namespace newsfacts::store
