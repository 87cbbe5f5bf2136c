// Coreference: who is who in an article, worked out once and read by both the officials
// and the quotes extractors. Its mentions are the officials' mentions (titled, by name,
// by title alone, by honorific), the names written without a title (the `role =
// "person"` rules of the set it reads), the organisations, and the speakers resolved
// while quotations are credited; they are looked up by span, surname, title,
// description or pronoun.
//
// A pronoun has one antecedent. Every pronoun is resolved once, through PronounAt, and
// the answer is kept: the speaker of "“...,” she said" (extract/quotes_speakers.h) and
// the officials' pronoun mentions (Resolved, AddMentions) read the same
// answer for the same word. Pronouns are resolved in text order: asking about one first
// resolves every person pronoun before it, and each resolved pronoun is itself a
// mention of its person for the pronouns after it.
//
// The class's methods live in three files, one per question asked of it: coref_names.cc
// (names, surnames, titles, descriptions), coref_pronouns.cc (gender, pronouns, sentence
// subjects) and coref_organisations.cc (which names are organisations). Every English
// word they read comes from a lexicon of the rule set it was made with (`Lexicons`
// below; pronouns, first names and gendered words are one copy in rules/lexicons/,
// included by officials.toml and quotes.toml); a missing lexicon holds no word.
//
// Offsets are bytes into the UTF-8 text. Ownership: a People refers to the text, the
// rule set, the role rules, the officials and the quoted ranges it was made with, which
// must outlive it. Thread safety: one People per article and thread (it collects what it
// needs lazily, on the first question that needs it). Private to extract/.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/article.h"
#include "extract/people.h"
#include "extract/quotes_attribution.h"
#include "extract/rule_set.h"

namespace newsfacts::coref {

using quotes::RoleRules;
using quotes::Roles;

// Bounds that keep speaker resolution linear on hostile text: mentions a pronoun looks
// back over, the longest sentence read back for its start, the surnames searched for,
// the distinct acronyms spelled out.
constexpr size_t kMaxCandidates = 64;
constexpr size_t kMaxSentence = 2000;
constexpr size_t kMaxSearchedSurnames = 256;
constexpr size_t kMaxSearchedAcronyms = 64;

// What a pronoun can stand for: 'm' (he), 'f' (she) or 'o' (it); 'p', any person, for
// a description that tells no gender ("the 56-year-old").
using Want = char;

// The lexicons the pass reads from its rule set (the quotes set, or the officials set
// when it runs alone), looked up once per article (null when the set has none).
struct Lexicons {
  explicit Lexicons(const rules::RuleSet& rules);
  // The `pronoun_word` forms whose `speaker` is want ('m': "he", 'f': "she").
  const std::vector<std::string>& PronounsFor(Want want) const;

  const rules::Lexicon* female_name;
  const rules::Lexicon* male_name;
  const rules::Lexicon* female_word;
  const rules::Lexicon* male_word;
  const rules::Lexicon* organisation;
  const rules::Lexicon* not_name;
  const rules::Lexicon* descriptor;
  const rules::Lexicon* particle;
  const rules::Lexicon* pronoun_word;
  const rules::Lexicon* definite_article;
  const rules::Lexicon* indefinite_article;
  const rules::Lexicon* title_link;
  const rules::Lexicon* name_org_link;
  const rules::Lexicon* glued_prefix;
  const rules::Lexicon* aside_end;
  const rules::Lexicon* group_ending;
  const rules::Lexicon* acronym_link;
  const rules::Lexicon* name_suffix;
  const rules::Lexicon* possessive;

 private:
  std::vector<std::string> he_;
  std::vector<std::string> she_;
};

// A name as written narrowed to the person's name: "Analyst Rebecca Lindquist of the
// Center for Automotive Research" -> "Rebecca Lindquist" (cut at a `name_org_link`
// after a capitalised word), "U.S. District Judge Ana Ruiz" -> "Ana Ruiz" (`descriptor`
// and `not_name` words and abbreviations before the name dropped). Returns the byte
// range inside [start, end) of text; the whole range when the phrase does not end in a
// name ("one official", "the company").
std::pair<size_t, size_t> NarrowName(std::string_view text, size_t start, size_t end,
                                     const Lexicons& lex);

// The head noun of a title or role as written: the word before the first `title_link`
// word after the first word ("secretary" of "the former secretary of state"), else the
// last word. `words` must not be empty.
std::string_view HeadWord(const std::vector<people::Word>& words, const Lexicons& lex);

// The words of an aside right after a name at `end`, when it opens with an article: ",
// the air conditioner maker," -> {"the", "air", "conditioner", "maker"}; it stops at a
// comma, a sentence end or an `aside_end` word ("the mother of one victim" -> "the
// mother"), and reads at most 80 bytes. Empty when no such aside follows.
std::vector<std::string_view> AsideAfter(std::string_view text, size_t end, const Lexicons& lex);

// The gender a word next to a name tells ('f' for a `female_word`, 'm' for a
// `male_word`), or 0.
char GenderWord(const Lexicons& lex, std::string_view word);

// The gender of a name's first word by the `female_name` and `male_name` lexicons, or 0.
char FirstNameGender(const Lexicons& lex, std::string_view name);

// One person or organisation the text names: an official, a name without a title, an
// organisation, or a speaker resolved earlier.
struct Named {
  size_t start = 0;
  size_t end = 0;
  std::string name;  // the name as it will be reported
  bool org = false;  // an organisation: "it", never "he" or "she"
};

// Who is who: officials' mentions and the other names in the text, for resolving
// speakers written as a surname, a title or a pronoun. The names without a title are
// collected on first need, once per article.
class People {
 public:
  // `quoted`: the byte ranges inside quotations (sorted), where no mention is read.
  People(std::string_view text, const rules::RuleSet& rules, const Roles& roles,
         const std::vector<Official>& officials,
         const std::vector<std::pair<size_t, size_t>>& quoted);

  const Lexicons& lexicons() const { return lex_; }
  const Official& official(size_t i) const { return officials_[i]; }
  size_t Paragraph(size_t pos) const { return paragraphs_.IndexOf(pos); }

  // The official with a mention overlapping [start, end).
  std::optional<size_t> At(size_t start, size_t end) const;

  // The official whose name holds the speaker's words after its first word ("Mr.
  // Blinken", "López Obrador"), the one mentioned last before `before` when several do.
  std::optional<size_t> ByName(std::string_view speaker, size_t before) const;

  // The official holding the title whose head is `head` ("senator" for "the senator"),
  // mentioned last before `before`; none when no official holds it.
  std::optional<size_t> ByTitle(std::string_view head, size_t before) const;

  // The one official holding a title whose head is `head` ("ambassador") who is first
  // mentioned after `after`, within the three paragraphs after its own: a speaker named
  // only later ("China's ambassador to Britain warned … ¶ China's ambassador to Britain
  // Liu Xiaming said …"). None when no official or several do.
  std::optional<size_t> ByTitleNamedAfter(std::string_view head, size_t after) const;

  // The latest speaker credited before `before`, in the same paragraph or the two before
  // it, written as a role (lower case) that holds the word `head`: "one legal expert"
  // for "the expert". None when there is none.
  std::optional<std::string> ByEarlierRole(std::string_view head, size_t before) const;

  // The fullest name written before `before` that ends with the words of `name`
  // ("Angela Brooks" for "Brooks"), else, for a one-word name, the one person whose name
  // starts with it (ByFirstName: "Dale Ford" for "Dale"), else the one fuller name
  // written after (OnlyFullerAfter), else `name`.
  std::string Fullest(const std::string& name, size_t before);

  // The one fuller name written at or after `after` that holds the one word `name` ("Steve
  // Clarke" for "Clarke"); none when no one's or several people's do.
  std::optional<std::string> OnlyFullerAfter(const std::string& name, size_t after) const;

  // The name an acronym stands for: the last run of capitalised words before `before`
  // whose initials spell it, `acronym_link` words allowed between ("Drug Enforcement
  // Administration" for "DEA", "Bureau of Alcohol, Tobacco and Firearms" for "ATF"). None
  // for anything but two to six ASCII capitals, when no such run is written, and past
  // the kMaxSearchedAcronyms-th distinct acronym of the article.
  std::optional<std::string> SpelledOut(std::string_view acronym, size_t before);

  // The one person, an official or a name without a title written before `before`,
  // whose name of two words or more starts with `word` ("Dale Ford" for "Dale"); none
  // when no one or several people's names do, and for names written family name first.
  std::optional<std::string> ByFirstName(std::string_view word, size_t before);

  // The person a definite description stands for ("the Republican nominee said"): the
  // one mentioned last before `before` who was described with every word of it, in
  // the words just before a mention ("Republican nominee Warren Blake", "the nominee,
  // Warren Tate"), an aside after one ("Warren Blake, the Republican nominee,") or an
  // official's title. None when no one or more than one was, for a group ("the
  // doctors", by `group_ending`) and for a gendered word ("the mother").
  std::optional<std::string> ByDescriptor(const std::vector<people::Word>& role, size_t before);

  // Who a pronoun at `pos` would stand for, worked out afresh: the latest person
  // mentioned before it (outside quotations), in the same paragraph or the two before it,
  // whose gender can be `want` ('m' for he, 'f' for she: organisations and people of the
  // other gender are passed over; unknown gender fits both; 'p': anyone, the first person
  // of that sentence), or the latest organisation for 'o'. For words read as a pronoun that are
  // none ("the congresswoman", "the statement"); a pronoun's own answer is PronounAt's, which keeps
  // it.
  std::optional<std::string> Antecedent(size_t pos, Want want, int depth = 0);

  // The person (or, for want 'o', organisation) the pronoun written at `at` stands for:
  // Antecedent(from, want) the first time `at` is asked about, the kept answer after.
  // `from` (<= at) is where the pronoun's reading starts: the opening mark of the
  // quotation whose cue it is ("“...,” she said" reads from before the quotation), else
  // `at`. Every person pronoun before `at` is resolved first (PersonPronouns).
  std::optional<std::string> PronounAt(size_t at, Want want, size_t from);

  // Every person pronoun (a `pronoun_word` form with a `gender`) outside quotations,
  // resolved in text order through PronounAt: its span and the name it stands for; the
  // pronouns with no antecedent are left out.
  std::vector<std::pair<Span, std::string>> PersonPronouns();

  // What the pass resolved to a person: PersonPronouns, and the speakers resolved while
  // quotations were credited (Note: "the nominee", "Dale"), in text order.
  std::vector<std::pair<Span, std::string>> Resolved();

  // The subject of the sentence that ends just before `open` in the same paragraph: a
  // person (not an organisation) mentioned within the sentence's first words, or a
  // sentence-initial "He"/"She" (a capitalised `pronoun_word` form) resolved. None when
  // the quotation opens its paragraph or follows no complete sentence.
  std::optional<Named> SubjectBefore(size_t open);

  // True when a speaker written as a role names an organisation by its words ("the
  // company", "the Foreign Ministry") rather than a person ("one official", "a
  // spokeswoman").
  bool IsOrgPhrase(std::string_view phrase) const;

  // Records a resolved speaker at [start, end) for later pronouns and descriptions.
  void Note(size_t start, size_t end, const std::string& name, bool org);

 private:
  // coref_names.cc
  bool HoldsTitleHead(size_t official, const std::string& want) const;
  std::vector<std::pair<size_t, std::string>> RunsSpelling(std::string_view acronym);
  void BuildFirstNames();
  static bool Contains(std::string_view name, const std::vector<people::Word>& words);
  std::string FullestOf(const std::string& name, size_t before) const;
  void CollectNames();
  std::vector<std::tuple<size_t, size_t, bool>> FindNameSpans() const;
  void AddName(size_t start, size_t end);
  void AddSurnames();
  void CollectDescriptors();
  // coref_pronouns.cc
  bool IsPronoun(std::string_view w) const;
  std::optional<size_t> PronounBetween(size_t from, size_t to, Want want) const;
  size_t SentenceStart(size_t pos) const;
  char GenderOf(const std::string& name);
  char GenderNear(size_t start, size_t end) const;
  void CollectGenderHints();
  void FindPersonPronouns();
  bool InMention(size_t pos) const;
  bool CapitalisedMidSentence(size_t pos) const;
  void ResolvePronounsBefore(size_t at);
  // coref_organisations.cc
  bool IsOrg(const Named& n);
  bool IsOrgName(const std::string& name);
  bool IsOrgContext(size_t start, size_t end) const;
  bool HasOrgWord(std::string_view phrase) const;
  void ClassifyOrgs();
  std::vector<Named> OrgPhrasesIn(size_t from, size_t to) const;
  void CollectOrgPhrases();
  std::string OrgName(size_t start, size_t end) const;

  std::string_view text_;
  const rules::RuleSet& rules_;
  const RoleRules& person_rules_;
  const RoleRules& org_rules_;  // organisations written with "the": "the Clinton campaign"
  const std::vector<std::pair<size_t, size_t>>& quoted_;
  const std::vector<Official>& officials_;
  Lexicons lex_;
  people::Paragraphs paragraphs_;
  std::vector<std::pair<Span, size_t>> official_mentions_;
  std::map<std::string, std::vector<size_t>> by_word_;  // officials by each name word but the first
  bool collected_ = false;
  std::vector<Named> names_;  // names without a title in text order, then surname mentions
  std::map<std::string, std::vector<size_t>> names_by_word_;
  std::vector<Named> mentions_;  // official mentions outside quotations, and names_
  std::vector<Named> speakers_;  // speakers and pronouns resolved so far
  // The person pronouns outside quotations (start, end, gender), in text order; the
  // first `pronouns_resolved_` of them have been resolved.
  std::vector<std::tuple<size_t, size_t, Want>> person_pronouns_;
  bool pronouns_found_ = false;
  size_t pronouns_resolved_ = 0;
  std::map<size_t, std::optional<std::string>> pronoun_answers_;  // PronounAt's, by `at`
  std::unordered_map<std::string, char> gender_;                  // reported name -> 'm', 'f' or 0
  std::set<std::string> org_names_;                               // names seen as organisations
  size_t names_written_ = 0;      // names_ before the surname mentions were added
  bool hinted_ = false;           // CollectGenderHints() has run
  bool described_ = false;        // CollectDescriptors() has run
  bool orgs_classified_ = false;  // ClassifyOrgs() has run
  std::unordered_map<std::string, bool> org_cache_;                    // IsOrgName() answers
  std::unordered_map<std::string, std::vector<size_t>> by_full_name_;  // name -> names_
  bool org_phrases_ = false;                                  // CollectOrgPhrases() has run
  std::vector<std::tuple<size_t, size_t, bool>> spans_;       // person rule matches, sorted
  std::map<std::string, std::set<std::string>> descriptors_;  // name -> lower-case words
  bool first_names_built_ = false;                            // BuildFirstNames() has run
  // ByFirstName: first word -> full name -> where it is first written.
  std::map<std::string, std::map<std::string, size_t>> first_names_;
  bool text_split_ = false;               // text_words_ holds the text's words
  std::vector<people::Word> text_words_;  // for spelling out acronyms
  // SpelledOut: for each acronym asked about, RunsSpelling's answer.
  std::unordered_map<std::string, std::vector<std::pair<size_t, std::string>>> acronym_runs_;
};

// Adds each resolved mention (Resolved) to the mentions of the official it stands for
// (the one whose name it is), unless it overlaps a mention of any official already there;
// keeps every official's mentions in text order without duplicates.
void AddMentions(const std::vector<std::pair<Span, std::string>>& resolved,
                 std::vector<Official>* officials);

}  // namespace newsfacts::coref
