// The normaliser's word lists other than the boilerplate names (boilerplate_words.h): the
// words a date stamp is made of, for IsDateLine (main_text.h), and the abbreviations no
// sentence ends after, for SplitSentences (sentences.h). The one place to add a language,
// a spelling or an abbreviation.
//
// Compiled in, not read from a data file: the normaliser runs inside every command, the
// tests and the benchmark programs, none of which has a data directory to find (or a
// missing file to report) before the first page; the lists are short and closed, and a
// table here costs no start-up work beyond building the lookup set once.
//
// Internal to normalise/.
#pragma once

#include <string_view>

namespace newsfacts::normalise_internal {

// Month and weekday names with their usual abbreviations, and "today"/"yesterday".
//
// Every word is lower case UTF-8 (as are kDateJoiners'): a token is matched after
// LowerAscii, which folds A-Z only, so "Março" matches "março" but "SÁBADO" matches nothing.
inline constexpr std::string_view kDateWords[] = {
    // English
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "today",
    "yesterday",
    // Portuguese (a word also in an earlier language is listed once)
    "janeiro", "fevereiro", "março", "maio", "junho", "julho", "agosto", "setembro", "outubro",
    "novembro", "dezembro", "fev", "abr", "mai", "ago", "set", "out", "dez", "segunda", "terça",
    "quarta", "quinta", "sexta", "sábado", "domingo", "feira",
    // Spanish
    "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "septiembre", "octubre",
    "noviembre", "diciembre", "lunes", "martes", "miércoles", "jueves", "viernes",
    // French
    "janvier", "février", "mars", "avril", "juin", "juillet", "août", "septembre", "octobre",
    "novembre", "décembre", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    // German
    "januar", "februar", "märz", "juni", "juli", "oktober", "dezember", "montag", "dienstag",
    "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
    // Italian ("novembre" is with French)
    "gennaio", "febbraio", "aprile", "maggio", "giugno", "luglio", "settembre", "ottobre",
    "dicembre", "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"};

// Words that may stand between the parts of a stamp without making it text:
// prepositions and articles, am/pm and "h", time zones, "Published"/"Updated" leads.
inline constexpr std::string_view kDateJoiners[] = {
    "at",  "on",  "of",        "the",     "de",     "del",  "da",       "do",   "às",  "um",  "le",
    "el",  "am",  "pm",        "a.m",     "p.m",    "h",    "gmt",      "utc",  "est", "edt", "pst",
    "pdt", "cst", "cdt",       "mst",     "mdt",    "bst",  "cet",      "cest", "ist", "amt", "et",
    "pt",  "ct",  "published", "updated", "posted", "last", "modified", "date", "time"};

// Abbreviations that end in a full stop but not a sentence: titles and ranks, street and
// company words, Latin and US/UK/UN initials, a.m./p.m., month abbreviations and US state
// abbreviations ("Calif.", "Tenn."). Case-sensitive, as written in copy. ICU's own English list
// covers some of these; the rest are what news copy uses.
inline constexpr std::string_view kNoBreakAfter[] = {
    "Mr.",     "Mrs.",  "Ms.",   "Dr.",   "Prof.", "Gov.",  "Sen.",  "Rep.",   "Gen.",  "Lt.",
    "Col.",    "Maj.",  "Sgt.",  "Capt.", "Adm.",  "Cmdr.", "Pres.", "Supt.",  "Atty.", "Rev.",
    "Hon.",    "St.",   "Jr.",   "Sr.",   "Mt.",   "Ft.",   "Ave.",  "Blvd.",  "Rd.",   "Inc.",
    "Corp.",   "Co.",   "Ltd.",  "Bros.", "Dept.", "Univ.", "No.",   "Nos.",   "vs.",   "v.",
    "approx.", "est.",  "e.g.",  "i.e.",  "etc.",  "U.S.",  "U.K.",  "U.N.",   "E.U.",  "D.C.",
    "L.A.",    "N.Y.",  "a.m.",  "p.m.",  "Jan.",  "Feb.",  "Mar.",  "Apr.",   "Jun.",  "Jul.",
    "Aug.",    "Sep.",  "Sept.", "Oct.",  "Nov.",  "Dec.",  "Ariz.", "Calif.", "Colo.", "Conn.",
    "Fla.",    "Ga.",   "Ill.",  "Ind.",  "Kan.",  "Ky.",   "La.",   "Md.",    "Mass.", "Mich.",
    "Minn.",   "Miss.", "Mo.",   "Mont.", "Neb.",  "Nev.",  "Okla.", "Ore.",   "Pa.",   "Tenn.",
    "Tex.",    "Va.",   "Vt.",   "Wash.", "Wis.",  "Wyo."};

}  // namespace newsfacts::normalise_internal
