// URLs as fetch/ names them: url/url.h's functions, under fetch::, and the address guard
// (fetch/address.h). New code includes those two headers.
#pragma once

#include "fetch/address.h"
#include "url/url.h"

namespace newsfacts::fetch {

using newsfacts::CanonicalUrl;
using newsfacts::OriginOf;
using newsfacts::ParseUrl;
using newsfacts::PathAndQuery;
using newsfacts::ResolveUrl;
using newsfacts::UrlParts;

}  // namespace newsfacts::fetch
