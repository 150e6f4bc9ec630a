// Output escaping: the one place that decides how untrusted bytes (log text an attacker may
// have written) reach a terminal or a JSON document.
//
// Every reporter goes through these, so that a user agent cannot inject terminal escape
// sequences and no input byte can make JSON output invalid.
#pragma once

#include <string>
#include <string_view>

#include "statuslint/text.hpp"

namespace statuslint {

// Appends `text` as the body of a JSON string (no quotes). Control characters become \uXXXX,
// `"` and `\` are escaped, and bytes that are not valid UTF-8 become U+FFFD, so the result
// is always valid JSON in valid UTF-8.
void append_json_escaped(std::string& out, std::string_view text);

// Appends `text` for display on a terminal: printable ASCII and valid UTF-8 pass through;
// control characters (ESC, CR, BEL, DEL, C1 controls...) and invalid bytes are shown as
// \xNN, and a backslash as \\, so the output can be read back unambiguously.
void append_terminal_safe(std::string& out, std::string_view text);
std::string terminal_safe(std::string_view text);

// Appends `text` as HTML text or a quoted attribute value: & < > " ' become references, so log
// text can never open a tag, end an attribute or close a <style> or <script>; control
// characters (which HTML forbids) and invalid UTF-8 are shown as \xNN, as on a terminal.
void append_html_escaped(std::string& out, std::string_view text);

// Appends `text` as inline GitHub-flavoured Markdown that shows exactly these characters: HTML
// escaped as above (no tag, no entity of the log's own), every ASCII punctuation mark that
// Markdown gives a meaning ([ ] ( ) * _ ` | \ # ! ~ ...) backslash-escaped, and line breaks
// as spaces, so that log text can neither start a link, an image, a table cell, a heading or
// math, nor run raw HTML in a pull-request comment; a zero-width space follows each @ and #,
// which GitHub would otherwise link as a mention or an issue after rendering.
void append_markdown_escaped(std::string& out, std::string_view text);

// Appends `text` as a Prometheus/OpenMetrics label value (no quotes): \ " and line feed
// escaped as the exposition format defines, other control characters as spaces, and invalid
// UTF-8 as U+FFFD, which the format requires to be valid.
void append_label_value_escaped(std::string& out, std::string_view text);

}  // namespace statuslint
