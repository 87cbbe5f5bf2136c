// Charset detection and decoding to UTF-8 (ICU), shared by NormaliseHtml and
// NormaliseText.
//
// Order of evidence, strongest first: a byte order mark (UTF-8, UTF-16LE, UTF-16BE);
// the transport's label (hint); for HTML, a <meta charset> or <meta http-equiv
// Content-Type> in the first 1024 bytes; valid UTF-8; ICU's detector when it is
// confident; windows-1252. Labels for ISO-8859-1, Latin-1 and ASCII decode as
// windows-1252, as browsers do. A page labelled UTF-8 that is not valid UTF-8 decodes
// as windows-1252 when it holds no valid multi-byte UTF-8 sequence at all, else with
// U+FFFD for each bad byte. Undecodable bytes always become U+FFFD.
//
// Internal to normalise/. Thread-safe: no shared state.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace newsfacts::normalise_internal {

struct Decoded {
  std::string utf8;     // well-formed UTF-8, BOM removed
  std::string charset;  // the charset used, ICU's canonical-ish name, e.g. "UTF-8"
};

// Decodes bytes to UTF-8. Fails with kInvalidInput only for binary data ("binary data,
// not text"). `look_for_meta` enables the HTML <meta> prescan.
Result<Decoded> DecodeToUtf8(std::string_view bytes, std::string_view hint, bool look_for_meta);

// The charset named by a <meta> element in the first 1024 bytes, "" if none.
// Exposed for tests.
std::string PrescanMetaCharset(std::string_view bytes);

// Maps a charset label to the name used for decoding, following browsers' aliases
// (latin1 -> windows-1252, utf8 -> UTF-8); "" when ICU knows no such charset.
std::string ResolveCharsetLabel(std::string_view label);

}  // namespace newsfacts::normalise_internal
