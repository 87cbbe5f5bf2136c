// The words a date stamp is made of, for IsDateLine (main_text.h): the one place to add a
// language or a spelling.
//
// Compiled in, not read from a data file: the normaliser runs inside every command, the
// tests and the benchmark programs, none of which has a data directory to find (or a
// missing file to report) before the first page; the lists are short and closed, and a
// table here costs no start-up work beyond building the lookup set once.
//
// Every word is lower case UTF-8: a token is matched after LowerAscii, which folds A-Z
// only, so "Março" matches "março" but "SÁBADO" matches nothing. Internal to normalise/.
#pragma once

#include <string_view>

namespace newsfacts::normalise_internal {

// Month and weekday names with their usual abbreviations, and "today"/"yesterday".
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
    "décembre", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    // German
    "januar", "februar", "märz", "juni", "juli", "oktober", "dezember", "montag", "dienstag",
    "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
    // Italian
    "gennaio", "febbraio", "aprile", "maggio", "giugno", "luglio", "settembre", "ottobre",
    "dicembre", "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"};

// Words that may stand between the parts of a stamp without making it text:
// prepositions and articles, am/pm and "h", time zones, "Published"/"Updated" leads.
inline constexpr std::string_view kDateJoiners[] = {
    "at",  "on",  "of",        "the",     "de",     "del",  "da",       "do",   "às",  "um",  "le",
    "el",  "am",  "pm",        "a.m",     "p.m",    "h",    "gmt",      "utc",  "est", "edt", "pst",
    "pdt", "cst", "cdt",       "mst",     "mdt",    "bst",  "cet",      "cest", "ist", "amt", "et",
    "pt",  "ct",  "published", "updated", "posted", "last", "modified", "date", "time"};

}  // namespace newsfacts::normalise_internal
