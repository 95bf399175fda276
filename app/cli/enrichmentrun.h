#pragma once

#include "costrules.h"

#include <QString>

#include <memory>

class CsvFile;
struct EnrichmentSettings;

// The command line's run: the job with progress on stderr, SIGINT/SIGTERM handling, the
// export and the JSON report. Returns the process exit code of the product contract.
namespace EnrichmentRun {

struct Options
{
    QString output;
    QString report; // empty: none
    bool quiet = false;
    bool neutraliseFormulas = false; // --neutralise-formulas: the input's own cells too
    bool strict = false; // --strict: an LEI health warning makes the exit code 1
    bool allowSlow = false; // --allow-slow: parent lookups over 10 minutes are made anyway
    int currencyColumn = -1; // the notionals' currency, for the report's cost totals; -1: none
};

int exec(std::shared_ptr<CsvFile> file, int leiColumn, CostRules rules,
         const EnrichmentSettings &settings, const Options &options);

} // namespace EnrichmentRun
