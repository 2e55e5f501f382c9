// The text form of collab metrics' monitoring, evaluation and learning sections (lib/mel); cli/metrics.cpp
// prints the other sections and calls these.
#pragma once

#include "metrics/metrics.h"

namespace collab::cli {

void print_feedback(const mel::FeedbackResult& r);
void print_agenda(const mel::AgendaResult& r);
void print_resources(const mel::ResourcesResult& r);

}  // namespace collab::cli
