// Speaker resolution: gender from first names and gendered words, organisations as
// antecedents, speakers named by a title alone, surname mentions of people without a
// title, and fragments that are or are not quotations.

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

#include "extract/extract.h"
#include "extract/test_rules.h"

namespace newsfacts {
namespace {

using test::Quotes;

std::optional<std::string> SpeakerOf(const std::vector<Quote>& quotes, const std::string& words) {
  for (const Quote& q : quotes) {
    if (q.text.find(words) != std::string::npos) return q.speaker;
  }
  FAIL("no quotation holds: " << words);
  return std::nullopt;
}

bool HasQuote(const std::vector<Quote>& quotes, const std::string& words) {
  for (const Quote& q : quotes) {
    if (q.text.find(words) != std::string::npos) return true;
  }
  return false;
}

using Name = std::optional<std::string>;

TEST_CASE("speakers: 'she' skips a man named later by first name") {
  // Neither has an honorific; only the first names tell.
  const std::string text =
      "Treasurer Nadia Ferrell spoke before Rep. Owen Castle did.\n\n"
      "Ferrell listened while Castle read the audit aloud. “The pension fund is safe,” she "
      "said. “Read the whole page,” he said.";
  const auto got = Quotes(text);
  CHECK(SpeakerOf(got, "pension fund is safe") == Name("Nadia Ferrell"));
  CHECK(SpeakerOf(got, "Read the whole page") == Name("Owen Castle"));
}

TEST_CASE("speakers: people without a title, by first name and by surname alone") {
  const std::string text =
      "Yolanda Pruett and Marcus Hale waited outside the county office in the rain.\n\n"
      "Pruett spoke after Hale had left. “We waited four hours to vote,” she said.\n\n"
      "Hale came back later. “Nobody told us why,” he said.";
  const auto got = Quotes(text);
  CHECK(SpeakerOf(got, "four hours") == Name("Yolanda Pruett"));
  CHECK(SpeakerOf(got, "Nobody told us") == Name("Marcus Hale"));
}

TEST_CASE("speakers: an unknown first name fits both 'he' and 'she'") {
  const std::string text =
      "Ondrava Kessel, a county clerk, counted the ballots twice.\n\n"
      "“Every one of them matched,” she said.";
  CHECK(SpeakerOf(Quotes(text), "Every one") == Name("Ondrava Kessel"));
}

TEST_CASE("speakers: a gendered word beside a name tells the gender") {
  // "Sasha" and "Robin" are in neither first-name list; "Ms." and "spokeswoman" decide,
  // so "he" passes over the woman named last.
  const std::string text =
      "Dennis Okoro arrived after Ms. Sasha Whitcombe had spoken.\n\n"
      "Okoro sat down next to Whitcombe. “We have nothing to add,” he said.";
  CHECK(SpeakerOf(Quotes(text), "nothing to add") == Name("Dennis Okoro"));

  const std::string aside =
      "Dennis Okoro stood beside Robin Fairley, a spokeswoman for the clinic.\n\n"
      "“The doors stay open,” he said.";
  CHECK(SpeakerOf(Quotes(aside), "doors stay open") == Name("Dennis Okoro"));
}

TEST_CASE("speakers: an organisation is never 'he', and 'it said' names it") {
  const std::string text =
      "Gov. Dale Hutchins visited the plant of Fenwick Dynamics, the boiler maker, on "
      "Friday.\n\n"
      "Fenwick Dynamics would not say how many jobs would move. “No decision has been "
      "made,” it said.\n\n"
      "The governor spoke after meeting Fenwick Dynamics. “The jobs are staying,” he said.";
  const auto got = Quotes(text);
  CHECK(SpeakerOf(got, "No decision") == Name("Fenwick Dynamics"));
  CHECK(SpeakerOf(got, "jobs are staying") == Name("Dale Hutchins"));
}

TEST_CASE("speakers: 'the company said' stays as written; 'it' then goes to it") {
  const std::string text =
      "Orrin Vasquez leads the workers at the mill.\n\n"
      "“Our offer was fair,” the company said in a statement. “It remains on the table,” "
      "it said later.";
  const auto got = Quotes(text);
  CHECK(SpeakerOf(got, "Our offer") == Name("the company"));
  CHECK(SpeakerOf(got, "remains on the table") == Name("the company"));
}

TEST_CASE("speakers: a title alone names the official who holds it") {
  // Two senators: "the senator" is the one mentioned last.
  const std::string text =
      "Sen. Mark Oduya opened the hearing. Sen. Corinne Lamb questioned the nominee, Walter "
      "Brisk, for an hour.\n\n"
      "Brisk answered every question. “Then show us the numbers,” the senator said.";
  CHECK(SpeakerOf(Quotes(text), "show us the numbers") == Name("Corinne Lamb"));
}

TEST_CASE("speakers: cue before the speaker, with party and state after the name") {
  const std::string text =
      "“The polls are close, but our voters are showing up,” said Sen. Ruth Calder, D-Ore., "
      "at the rally.";
  CHECK(SpeakerOf(Quotes(text), "polls are close") == Name("Ruth Calder"));
}

TEST_CASE("speakers: a relative clause between the name and the cue") {
  const std::string text =
      "Gov. Paulo Serrat signed the bill on Friday.\n\n"
      "“It is a good day for taxpayers,” Serrat, who faces an election next year, said.";
  CHECK(SpeakerOf(Quotes(text), "good day for taxpayers") == Name("Paulo Serrat"));
}

TEST_CASE("speakers: a follow-on paragraph with no attribution keeps the speaker") {
  const std::string text =
      "Sen. Ilse Brandt pressed the witness.\n\n"
      "“Then show us where the waste is,” the senator said.\n\n"
      "“Show us the line in the budget.”";
  CHECK(SpeakerOf(Quotes(text), "line in the budget") == Name("Ilse Brandt"));
}

TEST_CASE("fragments: one word is a quotation only as what someone said") {
  const std::string said =
      "Harlan Boyd told the crowd on Saturday that the count was “crooked” and left.";
  const auto got = Quotes(said);
  REQUIRE(HasQuote(got, "crooked"));
  CHECK(SpeakerOf(got, "crooked") == Name("Harlan Boyd"));
  CHECK(got[0].partial);

  // A noun of the sentence, or no one saying it: not a quotation.
  CHECK_FALSE(HasQuote(Quotes("Critics said the group's “ideas” were not new."), "ideas"));
  CHECK_FALSE(HasQuote(Quotes("The “crooked” count was the talk of the town."), "crooked"));
}

TEST_CASE("fragments: scare quotes after so-called, with no one saying them, are dropped") {
  CHECK(Quotes("The so-called “locker room talk” defense did not work.").empty());
}

TEST_CASE("titles: shows and tapes in quotation marks are not quotations") {
  const std::string text =
      "Speaking on “Face the Nation,” Chairman Royce Amberly said the party would stay.\n\n"
      "The release of the “Access Hollywood” tape changed the race.\n\n"
      "Tim Kober told MSNBC's “Morning Joe” that the tape was “no surprise to anyone who "
      "had paid attention.”";
  const auto got = Quotes(text);
  REQUIRE(got.size() == 1);
  CHECK(got[0].text == "no surprise to anyone who had paid attention.");
  CHECK(got[0].speaker == Name("Tim Kober"));
  CHECK(got[0].partial);
}

TEST_CASE("speakers: a description fits one person named with it") {
  const std::string text =
      "Republican nominee Dwayne Harker spoke in Ohio, while Democratic nominee Joan Whitley "
      "campaigned in Florida.\n\n"
      "“We are going to win big,” the Republican nominee said.\n\n"
      "“Nobody believes him,” the Democratic nominee said. “Not even his friends,” the "
      "nominee added.";
  const auto got = Quotes(text);
  CHECK(SpeakerOf(got, "win big") == Name("Dwayne Harker"));
  CHECK(SpeakerOf(got, "Nobody believes") == Name("Joan Whitley"));
  // "the nominee" fits both, but the quotation before was hers.
  CHECK(SpeakerOf(got, "Not even his friends") == Name("Joan Whitley"));
}

TEST_CASE("speakers: 'it' goes to an organisation written with 'the'") {
  const std::string text =
      "The Democratic campaign said afterward that Kaler had done well. “He held the other "
      "ticket to account,” it said in a statement.";
  CHECK(SpeakerOf(Quotes(text), "held the other ticket") == Name("the Democratic campaign"));
}

TEST_CASE("speakers: the subject of the sentence before an unattributed quotation") {
  const std::string text =
      "Dwayne Harker spoke for forty minutes in Toledo. “This is not who we are as a "
      "country.”";
  CHECK(SpeakerOf(Quotes(text), "not who we are") == Name("Dwayne Harker"));
  // An organisation opening the sentence is no speaker of it.
  const std::string org =
      "The company spent Monday in meetings. “This is not who we are as a company.”";
  CHECK(SpeakerOf(Quotes(org), "not who we are") == std::nullopt);
}

TEST_CASE("speakers: the clause before the colon names the speaker") {
  const std::string text =
      "Sen. Tim Kaler and Gov. Mike Pendleton debated on Tuesday. When Pendleton defended "
      "the plan, Kaler cut in: “He has not released a single one.”";
  CHECK(SpeakerOf(Quotes(text), "released a single one") == Name("Tim Kaler"));
}

TEST_CASE("fragments: a whole one-word quotation with an attribution is kept") {
  const auto got = Quotes("Gov. Dale Hutchins answered within the hour. “Sad!” he wrote.");
  REQUIRE(HasQuote(got, "Sad!"));
  CHECK(SpeakerOf(got, "Sad!") == Name("Dale Hutchins"));
}

TEST_CASE("fragments: a fragment is not the first part of a split quotation") {
  const std::string text =
      "Attorney General Roy Cooperman said the order was “a smoke screen.” He told "
      "reporters: “The law is still on the books.”";
  const auto got = Quotes(text);
  REQUIRE(got.size() == 2);
  CHECK(got[0].partial);
  CHECK_FALSE(got[1].partial);
  CHECK(got[1].speaker == Name("Roy Cooperman"));
}

TEST_CASE("speakers: thousands of names and pronouns in one paragraph stay fast") {
  // One paragraph, no sentence ends: every pronoun could look back over every name.
  std::string text;
  for (int i = 0; i < 3000; ++i) {
    // Hundreds of different surnames: "Zellaa", "Zellab", ...
    const std::string surname = std::string("Zell") + static_cast<char>('a' + i % 26) +
                                static_cast<char>('a' + i / 26 % 26);
    text += "Amber " + surname + " met Tom Rudd and ";
    text += "“we will see about that,” she said and “we will see,” he said and it said ";
  }
  const auto got = Quotes(text);
  CHECK(got.size() == 6000);
}

TEST_CASE("speakers: an unknown word list and no names at all") {
  CHECK(Quotes("“Just words here, nothing more,” it said.").size() == 1);
  CHECK(Quotes("“Only this,” she said.")[0].speaker == std::nullopt);
}

TEST_CASE("quotes: a family name written first is the one a later mention uses") {
  const std::vector<Quote> q = Quotes(
      "Kim Ji-hoon, a nurse, joined the strike on Monday.\n\n"
      "“We are tired of empty promises,” Kim said.\n\n"
      "“I came with my whole ward,” said Choi Dong-wook, a doctor. “We stay until they listen,” "
      "Choi added.");
  CHECK(SpeakerOf(q, "empty promises") == "Kim Ji-hoon");
  CHECK(SpeakerOf(q, "We stay") == "Choi Dong-wook");
  // A given name before a double-barrelled surname is not a family name, but the first
  // name alone of the one person so named: "Anna" is Anna Lee-Smith; with a second Anna
  // it stays as written.
  const std::vector<Quote> r =
      Quotes("Anna Lee-Smith, a teacher, spoke first.\n\n“We need more books,” Anna said.");
  CHECK(SpeakerOf(r, "more books") == "Anna Lee-Smith");
  const std::vector<Quote> two = Quotes(
      "Anna Lee-Smith, a teacher, spoke first. Anna Ruiz followed.\n\n“We need more books,” "
      "Anna said.");
  CHECK(SpeakerOf(two, "more books") == "Anna");
}

TEST_CASE("speakers: a person before the place or organisation the person is of") {
  const auto got = Quotes(
      "“Organics matter,” said planetary geologist Rosaly Lopes of NASA's Jet Propulsion "
      "Laboratory.\n\n"
      "“It was fairly quiet,” Omar Lamrani, a senior analyst at Stratfor, the Texas-based "
      "intelligence firm, said.");
  CHECK(SpeakerOf(got, "Organics matter") == Name("Rosaly Lopes"));
  CHECK(SpeakerOf(got, "fairly quiet") == Name("Omar Lamrani"));
  // A title, or a single capitalised word, before "of" is no person's name.
  CHECK(SpeakerOf(Quotes("“We stay,” said Secretary of State Ana Ruiz."), "We stay") ==
        Name("Ana Ruiz"));
}

TEST_CASE("speakers: a role is reported without its indefinite article") {
  const auto got = Quotes(
      "“We received an inquiry,” a WeWork spokesperson said.\n\n"
      "“Step out of the car,” an officer shouted.\n\n"
      "“The plan is sound,” the company said.");
  CHECK(SpeakerOf(got, "received an inquiry") == Name("WeWork spokesperson"));
  CHECK(SpeakerOf(got, "Step out") == Name("officer"));
  CHECK(SpeakerOf(got, "plan is sound") == Name("the company"));
  // A role that serves a capitalised organisation is the role, not the organisation.
  const auto served = Quotes(
      "A spokesperson for the British Foreign Office reiterated that settlements “are illegal "
      "under international law.”");
  REQUIRE(served.size() == 1);
  CHECK(served[0].speaker == Name("spokesperson for the British Foreign Office"));
}

TEST_CASE("speakers: words that name no one before the cue give way to the next speaker") {
  const auto got = Quotes(
      "That said, the agency says the southern border “remains the primary entry point” for "
      "heroin.");
  REQUIRE(got.size() == 1);
  CHECK(got[0].speaker == Name("the agency"));
  const auto paper = Quotes(
      "On Monday, the Harbin Ledger, the mouthpiece of the party, warned that there is "
      "“absolutely no room for compromise”.");
  REQUIRE(paper.size() == 1);
  CHECK(paper[0].speaker == Name("Harbin Ledger"));
}

TEST_CASE("quotes: the last sentence of the paragraph before names the speaker") {
  const auto got = Quotes(
      "Saeb Erekat spoke in Ramallah.\n\n"
      "Erekat said it was only the latest move by Washington.\n\n"
      "“They wanted us on our knees. We stand tall.”");
  REQUIRE(got.size() == 1);
  CHECK(got[0].speaker == Name("Saeb Erekat"));
}

TEST_CASE("quotes: after words that name no one, the speaker after them") {
  const auto got = Quotes(
      "“The president wants a bigger deal” announced in October, said Derek Scissors, a "
      "scholar in Washington.");
  REQUIRE(got.size() == 1);
  CHECK(got[0].speaker == Name("Derek Scissors"));
}

TEST_CASE("speakers: a document speaks for its author") {
  const auto got = Quotes(
      "Two soldiers died in a crash, the US military said in a statement.\n\n"
      "“The cause is under investigation,” the statement said.\n\n"
      "“Markets are pricing in a recovery,” said a report from Kotak Institutional Equities.");
  CHECK(SpeakerOf(got, "cause is under") == Name("the US military"));
  CHECK(SpeakerOf(got, "pricing in") == Name("Kotak Institutional Equities"));
}

TEST_CASE("speakers: an acronym is the name written out before it") {
  const auto got = Quotes(
      "Data published by the Drug Enforcement Administration and the Bureau of Alcohol, "
      "Tobacco and Firearms were used.\n\n"
      "“The border remains the main entry point,” the DEA said.\n\n"
      "“We have no comment,” CNN said.");
  CHECK(SpeakerOf(got, "main entry point") == Name("Drug Enforcement Administration"));
  // No run of words spells it: as written.
  CHECK(SpeakerOf(got, "no comment") == Name("CNN"));
}

TEST_CASE("speakers: any noun after an article right before the cue") {
  const auto got = Quotes(
      "The hall went dark on Friday.\n\n"
      "“Please take your seats,” the announcer said.\n\n"
      "Rep. Denise Okonkwo-Hart left early.\n\n"
      "“Not a chance,” the congresswoman said.");
  CHECK(SpeakerOf(got, "take your seats") == Name("the announcer"));
  // A gendered title with no one described by it: the woman last named.
  CHECK(SpeakerOf(got, "Not a chance") == Name("Denise Okonkwo-Hart"));
}

TEST_CASE("quotes: a curly opening mark closed by a straight one") {
  const auto got = Quotes(
      "“Our results were strong,\" chairman Craig Menear said. “He said \"no\" to me,” "
      "Menear added.");
  REQUIRE(got.size() == 2);
  CHECK(got[0].text == "Our results were strong,");
  CHECK(got[0].speaker == Name("Craig Menear"));
  CHECK(got[1].text == "He said \"no\" to me,");
}

TEST_CASE("fragments: one attributed word after any word but a possessive") {
  const auto got =
      Quotes("Reed has said that he expects to wring $300 million in “synergies” from the deal.");
  REQUIRE(HasQuote(got, "synergies"));
  CHECK(SpeakerOf(got, "synergies") == Name("Reed"));
  CHECK_FALSE(HasQuote(Quotes("Critics said the group’s “ideas” from abroad were old."), "ideas"));
  // The sentence ends inside the marks.
  const auto ended = Quotes(
      "At the White House, Trump said he had watched the hearings and slammed them as a "
      "“disgrace.” Over the weekend he golfed.");
  REQUIRE(HasQuote(ended, "disgrace"));
  CHECK(SpeakerOf(ended, "disgrace") == Name("Trump"));
}

TEST_CASE("quotes: the same words quoted again with no one credited are a slogan") {
  const auto got = Quotes(
      "The state launched “Meth. We're on it.” on Monday.\n\n"
      "Billboards with “Meth. We’re On It” went up across the state.\n\n"
      "Noem spoke at the launch. “This is our problem.”");
  REQUIRE(got.size() == 1);
  CHECK(got[0].text == "This is our problem.");
}

TEST_CASE("quotes: newswire text writes quotation marks as two apostrophes") {
  const auto got = Quotes("''We don't have a plan,'' Ana Ruiz said. 'It is over,' she added.");
  REQUIRE(got.size() == 2);
  CHECK(got[0].text == "We don't have a plan,");
  CHECK(got[0].speaker == Name("Ana Ruiz"));
  CHECK(got[1].text == "It is over,");
  CHECK(got[1].speaker == Name("Ana Ruiz"));
}

TEST_CASE("speakers: a quotation after another's attribution in its paragraph continues it") {
  // "said the actor" is read as no attribution; the second paragraph's first quotation
  // continues the first paragraph's speaker, and the one after it in its paragraph, with
  // only those words between, continues that.
  const std::vector<Quote> q = Quotes(
      "“We lost a child,” Van Der Beek said on Monday.\n\n"
      "“It opens your heart,” said the actor. “It makes you more human.”");
  REQUIRE(q.size() == 3);
  CHECK(SpeakerOf(q, "opens your heart") == "Van Der Beek");
  CHECK(SpeakerOf(q, "more human") == "Van Der Beek");
  // A sentence of its own between them: no continuation.
  const std::vector<Quote> r = Quotes(
      "“It opens your heart,” said Ana Ruiz. The crowd stood up and left the hall. "
      "“It makes you more human.”");
  CHECK(SpeakerOf(r, "opens your heart") == "Ana Ruiz");
  CHECK(SpeakerOf(r, "more human") != "Ana Ruiz");
}

TEST_CASE("speakers: a role after an organisation's possessive is the official named later") {
  const std::string text =
      "China’s ambassador to Britain warned that Beijing “will not sit on our hands”.\n\n"
      "Protests went on.\n\n"
      "China’s ambassador to Britain Liu Xiaming spoke again on Monday.";
  const std::vector<Quote> q = Quotes(text);
  CHECK(SpeakerOf(q, "sit on our hands") == "Liu Xiaming");
  // The credited words are the role, not only the place it is of.
  REQUIRE(q[0].speaker_span.has_value());
  CHECK(text.substr(q[0].speaker_span->start, 3) == "Chi");
  // No such official: the role as written.
  const std::vector<Quote> r =
      Quotes("China’s ambassador to Britain warned that Beijing “will not sit on our hands”.");
  CHECK(SpeakerOf(r, "sit on our hands") == "China’s ambassador to Britain");
}

TEST_CASE("speakers: \"the expert\" is the role credited just before") {
  const std::vector<Quote> q = Quotes(
      "“He has no immunity,” said one legal expert, as reported by a newspaper.\n\n"
      "“He is vulnerable to extradition,” the expert warned.");
  CHECK(SpeakerOf(q, "no immunity") == "one legal expert");
  CHECK(SpeakerOf(q, "extradition") == "one legal expert");
  // No such role before: as written.
  const std::vector<Quote> r = Quotes("“He is vulnerable to extradition,” the expert warned.");
  CHECK(SpeakerOf(r, "extradition") == "the expert");
}

TEST_CASE("speakers: a word naming no one gives way to another rule over the same words") {
  // "Tuesday, telling" reads as a speaker and a cue, and names no one; the participle's
  // subject does.
  const std::vector<Quote> q = Quotes(
      "Boudreau gave his players a pep talk Tuesday, telling them to “believe in yourselves”.");
  CHECK(SpeakerOf(q, "believe in yourselves") == "Boudreau");
}

TEST_CASE("quotes: a heading that quotes the body is no quotation") {
  const std::vector<Quote> q = Quotes(
      "6. “The Gordon problem”\n\n"
      "Morrison said Hill had warned him about what she called “the Gordon problem.”");
  CHECK_FALSE(HasQuote(q, "The Gordon problem"));
  CHECK(HasQuote(q, "the Gordon problem."));
  // A paragraph that is only a quotation, quoted nowhere else, stays.
  const std::vector<Quote> r =
      Quotes("Ruiz spoke first.\n\n“We will not leave the port.”\n\nThe crowd cheered.");
  CHECK(HasQuote(r, "We will not leave the port."));
}

}  // namespace
TEST_CASE("speakers: a pronoun after a sentence of unknown genders is its subject") {
  // Neither first name is in the name lists: the sentence's subject is taken, not the
  // name written last.
  const std::string text =
      "Last week, Ondrava Kessel wrote to Brell Tavish about the unpaid royalties.\n\n"
      "“I only want to be paid for my own work,” she said.";
  CHECK(SpeakerOf(Quotes(text), "paid for my own work") == Name("Ondrava Kessel"));
}

TEST_CASE("speakers: a quotation alone in its paragraph, signed in the next one") {
  const std::string text =
      "Visitors left reviews of the show.\n\n"
      "“The cast was wonderful and the seats were good.”\n\n"
      "– Mar** Ko**\n\n"
      "“We booked it twice this year.”\n\n"
      "— Ines Valdo (@inesvaldo) March 3, 2024\n\n"
      "“The second act dragged on for far too long.”\n\n"
      "– reporting by the arts desk";
  const auto got = Quotes(text);
  CHECK(SpeakerOf(got, "cast was wonderful") == Name("Mar** Ko**"));
  CHECK(SpeakerOf(got, "booked it twice") == Name("Ines Valdo"));
  // A lower-case line signs nothing, and the quotation before is no continuation of
  // the one before it, which was signed by someone else.
  CHECK(SpeakerOf(got, "second act") != Name("Ines Valdo"));
}

TEST_CASE("speakers: a surname that is also a place, a cue before a colon, a lone title") {
  const std::string text =
      "The songwriters Bruno Calder and Kate York joined the film late.\n\n"
      "“It is a different muscle,” York said. “You leave yourself out of it.” Calder "
      "agreed: “It is another job altogether.”\n\n"
      "They care about “financial health,” as one neo-bank CEO told me.";
  const auto got = Quotes(text);
  CHECK(SpeakerOf(got, "different muscle") == Name("Kate York"));
  // "Calder agreed:" introduces the quotation after it, not the one before.
  CHECK(SpeakerOf(got, "leave yourself out") == Name("Kate York"));
  CHECK(SpeakerOf(got, "another job") == Name("Bruno Calder"));
  CHECK(SpeakerOf(got, "financial health") == Name("one neo-bank CEO"));
}

TEST_CASE("speakers: a name that opens with a possessive") {
  const std::string text =
      "The talks failed on Sunday.\n\n"
      "“It is over,” Trump’s lawyer Rudy Giuliani said.\n\n"
      "On Monday, the People’s Daily, the mouthpiece of the party, warned that there is "
      "“absolutely no room for compromise” on the bill.";
  const auto got = Quotes(text);
  CHECK(SpeakerOf(got, "It is over") == Name("Rudy Giuliani"));
  CHECK(SpeakerOf(got, "no room for compromise") == Name("People’s Daily"));
}

TEST_CASE("speakers: a role after a possessive, and a web address in the sentence") {
  const std::string text =
      "The family did not reply.\n\n"
      "Ford’s late father told a friend that “the only way I know he is alive is the "
      "checks.”\n\n"
      "Spokesman Farhan Haq told Polygraph.info that the U.N. is “working with the "
      "coalition.”";
  const auto got = Quotes(text);
  CHECK(SpeakerOf(got, "only way I know") == Name("Ford’s late father"));
  CHECK(SpeakerOf(got, "working with the coalition") == Name("Farhan Haq"));
}

TEST_CASE("speakers: the surname of a name that ends in Jr.") {
  const std::string text =
      "Patrick Carlineo Jr., 55, pleaded guilty on Monday.\n\n"
      "The sentencing is set for February.\n\n"
      "The court did not say more.\n\n"
      "Carlineo was arrested for a call in which he said he would put a “bullet in her "
      "skull.”";
  CHECK(SpeakerOf(Quotes(text), "bullet in her skull") == Name("Patrick Carlineo Jr."));
}

TEST_CASE("speakers: an age alone describes the person written about last") {
  const std::string text =
      "The club named Jose Marinho as its coach on Wednesday.\n\n"
      "The 56-year-old said after his appointment: “I am excited to be here.”\n\n"
      "Lena Oduya, who ran the club before him, was not asked.\n\n"
      "“It is a fresh start,” the 48-year-old said.";
  const auto got = Quotes(text);
  CHECK(SpeakerOf(got, "excited to be here") == Name("Jose Marinho"));
  CHECK(SpeakerOf(got, "fresh start") == Name("Lena Oduya"));
}

TEST_CASE("speakers: a gendered role with a quoted show in it, read without its adverb") {
  const std::string text =
      "James Vanderholt and Kimberly Ash were voted off the show on Monday.\n\n"
      "“Hearing the heartbeat was something we never take for granted,” the “Pose” actor "
      "previously said on the programme.";
  CHECK(SpeakerOf(Quotes(text), "Hearing the heartbeat") == Name("James Vanderholt"));
}

TEST_CASE("speakers: a quotation right after 'said,' inside a sentence credited to its source") {
  const std::string text =
      "Patrick Carlino was arrested in April.\n\n"
      "During the call, he asked about the group, called her a “traitor” and said, “somebody "
      "ought to stop her,” the prosecutor’s office said.\n\n"
      "“We will appeal,” the office said.";
  const auto got = Quotes(text);
  CHECK(SpeakerOf(got, "somebody ought") == Name("Patrick Carlino"));
  CHECK(SpeakerOf(got, "We will appeal") == Name("the office"));
}

TEST_CASE("speakers: 'X added that' after a quotation that ends its sentence is no cue of it") {
  const std::string text =
      "Dale Fordham and Marta Frye answered by email.\n\n"
      "“I once visited him,” Dale wrote. “We went to an old steakhouse downtown.” Marta added "
      "that the letters were kind.";
  CHECK(SpeakerOf(Quotes(text), "old steakhouse") == Name("Dale Fordham"));
}

TEST_CASE("speakers: a participle clause after a quotation names no one") {
  const std::string text =
      "Secretary of State Mike Pompton spoke on Monday.\n\n"
      "Pompton said that after legal review the settlements were “not, per se, inconsistent "
      "with international law”, saying he trusted the Israeli courts to decide.";
  CHECK(SpeakerOf(Quotes(text), "per se") == Name("Mike Pompton"));
}

TEST_CASE("speakers: a name written with a closing capital, and a surname named fully later") {
  const std::string text =
      "“Hibernation could change space travel,” explains SciSpacE Team Leader Jenna Ngo-Anh.\n\n"
      "“All of them bring different strengths,” Clarkson said in a call with reporters.\n\n"
      "Steve Clarkson, deputy associate administrator for exploration, chose the landers.";
  const auto got = Quotes(text);
  CHECK(SpeakerOf(got, "Hibernation could") == Name("Jenna Ngo-Anh"));
  CHECK(SpeakerOf(got, "different strengths") == Name("Steve Clarkson"));
}

TEST_CASE("speakers: 'it' after 'the company' stands for the company named before") {
  const std::string text =
      "Brightline Freight Group cut 300 jobs on Monday. The company blamed tariffs.\n\n"
      "“We had no choice,” it said in a statement.";
  CHECK(SpeakerOf(Quotes(text), "no choice") == Name("Brightline Freight Group"));
}

TEST_CASE("speakers: a show's title inside the attributing sentence is no second part") {
  const std::string text =
      "Matt Mayley, equity strategist at Miller Tabak, likes the stock.\n\n"
      "\"This stock had been getting clobbered,\" Mayley said on CNBC's \" Trading Nation\" on "
      "Monday. \"It was down for four straight years.\"\n\n"
      "In his book \" Financial Freedom: A Proven Path to All the Money You Will Ever Need,\" "
      "Sabatier shares his formula.\n\n"
      "They care about “financial health,” as one neo-bank CEO told me, and easing the "
      "“pain” that people feel.";
  const auto got = Quotes(text);
  CHECK_FALSE(HasQuote(got, "Trading Nation"));
  CHECK_FALSE(HasQuote(got, "Financial Freedom"));
  CHECK(SpeakerOf(got, "getting clobbered") == Name("Matt Mayley"));
  CHECK(SpeakerOf(got, "pain") == Name("one neo-bank CEO"));
}

TEST_CASE("speakers: 'has written', 'comments X', 'saying,' and a possessive before a name") {
  const std::string text =
      "“The importers pay the duty,” Howard Gleeson, a senior fellow at the Tax Policy "
      "Center, has written.\n\n"
      "“We adjusted the spacecraft,” comments Robin Biesbrook of the CDF.\n\n"
      "After the hearing, Kathleen Sawyer issued a statement, saying, “I am committed to "
      "this agency.”\n\n"
      "“Buying rides is cheaper,” NASA's Steve Clarkson, deputy associate administrator, "
      "said.";
  const auto got = Quotes(text);
  CHECK(SpeakerOf(got, "importers pay") == Name("Howard Gleeson"));
  CHECK(SpeakerOf(got, "adjusted the spacecraft") == Name("Robin Biesbrook"));
  CHECK(SpeakerOf(got, "committed to this agency") == Name("Kathleen Sawyer"));
  CHECK(SpeakerOf(got, "Buying rides") == Name("Steve Clarkson"));
}

TEST_CASE("speakers: reported speech after a comma, a group, a state code, a compound title") {
  const std::string text =
      "Federal prosecutors alleged that Dora Vale and Abel Kent, both guards on the night "
      "shift, \"skipped the required rounds,\" slept at their desks and lied about it.\n\n"
      "Sen. Ruth Alder, R-Neb., called the delay \"a failure of basic oversight\" at a "
      "hearing.\n\n"
      "The warden spoke on his weekly radio show, \"Talk with Tomas.\"\n\n"
      "Singer-guitarists Ted Jonsson and Pat Simms will tour in June.\n\n"
      "“We are thrilled,” Jonsson said.";
  const auto got = Quotes(text);
  CHECK(SpeakerOf(got, "skipped the required rounds") == Name("Federal prosecutors"));
  CHECK(SpeakerOf(got, "a failure of basic oversight") == Name("Ruth Alder"));
  // A title in apposition after a comma is no quotation of the sentence's subject.
  CHECK_FALSE(HasQuote(got, "Talk with Tomas"));
  // A compound of a title and lower-case words before a name is no part of it.
  CHECK(SpeakerOf(got, "We are thrilled") == Name("Ted Jonsson"));
}

TEST_CASE("speakers: a gendered word before a role and a comma tells the person's gender") {
  const std::string text =
      "Ana Ruiz spoke first at the hearing.\n\n"
      "Her son, filmmaker Charlie Dowd, spoke after her. “It was a hard year,” she said.";
  CHECK(SpeakerOf(Quotes(text), "hard year") == Name("Ana Ruiz"));
}

TEST_CASE("speakers: a participle after a quotation's comma, a survey's author, 'remembered'") {
  const std::string text =
      "Governor Kira Nolen later wrote that the crisis “needs to be talked about at home,” "
      "adding “we need everyone on it.”\n\n"
      "According to a 2018 survey by Paula Morse Abner of the University of Utah, the chain "
      "has tended to “merge copy desks and page design” after each purchase.\n\n"
      "According to a report by Reuters, the company is “in deep trouble” now.\n\n"
      "Colin Marsh remembered the founder rehearsing on that stage and \"going far off "
      "script in a way only he could.\"";
  const auto got = Quotes(text);
  CHECK(SpeakerOf(got, "everyone on it") == Name("Kira Nolen"));
  CHECK(SpeakerOf(got, "merge copy desks") == Name("Paula Morse Abner"));
  // An outlet's report stays the outlet the words came through.
  CHECK(SpeakerOf(got, "in deep trouble") == std::nullopt);
  CHECK(SpeakerOf(got, "going far off script") == Name("Colin Marsh"));
}

TEST_CASE("speakers: 'He' opening a sentence inside a paragraph before a quotation") {
  const std::string text =
      "Joseph Mingo spoke for an hour. He left the room early. “This is not who we are.”";
  CHECK(SpeakerOf(Quotes(text), "not who we are") == Name("Joseph Mingo"));
}

TEST_CASE("speakers: a body's name keeps its first words; initials stand for the whole name") {
  const std::string text =
      "Beijing “vastly improved its detection of infectious diseases,” writes the "
      "Associated Press.\n\n"
      "The Chinese Center for Disease Control and Prevention met on Monday. The CDC assured "
      "the public that the risks were “extremely low.”";
  const auto got = Quotes(text);
  CHECK(SpeakerOf(got, "vastly improved") == Name("Associated Press"));
  CHECK(SpeakerOf(got, "extremely low") ==
        Name("Chinese Center for Disease Control and Prevention"));
}

TEST_CASE("speakers: fragments after a second verb, a group warning, rejecting, two adverbs") {
  const std::string text =
      "Gwen Shotley did not give a date, but said the company would fly the rocket “a lot” "
      "before any crew boarded.\n\n"
      "Smog is back, with forecasters warning that the air may turn “severe” by Friday or "
      "reach “severe” or “emergency” levels.\n\n"
      "The Pentagon rejected the claims as “patently false,” and moved on.\n\n"
      "Mr. Trump has since said that the signing would take place in “farm country,” not "
      "abroad.";
  const auto got = Quotes(text);
  CHECK(SpeakerOf(got, "a lot") == Name("Gwen Shotley"));
  CHECK(SpeakerOf(got, "severe") == Name("forecasters"));
  CHECK(SpeakerOf(got, "emergency") == Name("forecasters"));
  CHECK(SpeakerOf(got, "patently false") == Name("Pentagon"));
  CHECK(SpeakerOf(got, "farm country") == Name("Trump"));
}

TEST_CASE("speakers: 'the company' is the organisation named before it, unless an outlet") {
  const std::string text =
      "Carrier Dynamics, the air conditioner maker, said it would keep 800 jobs.\n\n"
      "“We are pleased with the agreement,” the company said in a statement.\n\n"
      "One engineer wrote in a message seen by BuzzFeed News that the feed was broken. The "
      "company said it would “keep working to improve” the feed.";
  const auto got = Quotes(text);
  CHECK(SpeakerOf(got, "pleased with the agreement") == Name("Carrier Dynamics"));
  CHECK(SpeakerOf(got, "keep working") == Name("The company"));
}

TEST_CASE("speakers: mixed marks around an attribution; a statement's issuer") {
  const std::string text =
      "Jack Scarone, who represents the accusers, spoke on Monday.\n\n"
      "“Forty-five years of practicing law,\" he said, \"has convinced me there are no "
      "coincidences.”\n\n"
      "“It was an attempt to mislead voters,’’ Will Moyes told the BBC.\n\n"
      "The Electoral Board, which oversees campaign money, issued a statement warning that "
      "“voters are entitled to transparency from campaigners.’’";
  const auto got = Quotes(text);
  CHECK(SpeakerOf(got, "Forty-five years") == Name("Jack Scarone"));
  // The attribution between the two parts is no part of the words quoted.
  CHECK_FALSE(HasQuote(got, "he said"));
  CHECK(SpeakerOf(got, "mislead voters") == Name("Will Moyes"));
  CHECK(SpeakerOf(got, "entitled to transparency") == Name("Electoral Board"));
}

TEST_CASE("speakers: a pronoun goes to the person who opens the sentence, gender unknown") {
  const std::string text =
      "Montel Figgs, who represents the guard, spoke after the hearing.\n\n"
      "Figgs declined to say whether Michael Tomas slept on the job. “The system was short "
      "of staff at all times,” he said.";
  CHECK(SpeakerOf(Quotes(text), "short of staff") == Name("Montel Figgs"));
}

}  // namespace newsfacts
