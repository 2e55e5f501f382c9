// IDs made from people's and organizations' names. Names arrive in many scripts and with accents
// ("Zoë Müller", "José Núñez", "Nguyễn Văn An"); IDs are ASCII slugs. Latin letters with diacritics fold
// to their base letter (Latin-1, Latin Extended-A, and the Vietnamese letters of Latin Extended
// Additional); every other run of characters becomes one hyphen.
#pragma once

#include <string>
#include <string_view>

namespace collab {

// Lower-case ASCII letters and digits joined by single hyphens, no hyphen at either end, at most 63
// characters; empty when the name has no Latin letter or digit. A name that would give a reserved file
// name gets "-1" after it ("Con" -> "con-1").
std::string slugify(std::string_view name);

// An ID as the schemas' slug pattern has it (^[a-z0-9][a-z0-9-]{0,62}$): lower-case ASCII letters, digits
// and hyphens, not starting with a hyphen, 1 to 63 characters. File names of the collaborative are IDs.
bool is_slug(std::string_view s);

// The names Windows reserves for devices, with any extension: con, prn, aux, nul, com0-com9, lpt0-lpt9
// (compared without case). A file called so (teams/con.yaml) cannot be checked out on Windows.
bool is_reserved_file_name(std::string_view id);

}  // namespace collab
