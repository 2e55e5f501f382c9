// The text form of collab metrics' monitoring, evaluation and learning sections (lib/mel); cli/metrics.cpp
// prints the other sections and calls these.
#pragma once

#include "metrics/metrics.h"

namespace collab::cli {

void print_milestones(const mel::MilestonesResult& r);
void print_contribution(const std::vector<mel::ClaimAssessment>& claims);
void print_feedback(const mel::FeedbackResult& r);
void print_agenda(const mel::AgendaResult& r);
void print_outcomes(const mel::HarvestResult& r);
void print_products(const mel::ProductsResult& r);
void print_resources(const mel::ResourcesResult& r);
void print_membership(const mel::MembershipResult& r);

}  // namespace collab::cli
