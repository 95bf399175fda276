// What the Summary and Failures docks cost after a large run (issue 15): the cost totals, the
// failures model (a status of many rows split by LEI), the Summary's charts and table, and a
// chart bar's filter over every row.
//   bench-summary FILE.csv [SYNTHETIC_ENTITIES]
// SYNTHETIC_ENTITIES 0 (the default) makes every row not_found; the LEIs of gen-transactions
// files are FAKE synthetic ones, so the number they were made with makes them ok.
// Run with QT_QPA_PLATFORM=offscreen.
#include "costrules.h"
#include "costtotals.h"
#include "csvfile.h"
#include "enrichmentjob.h"
#include "failuresmodel.h"
#include "fakegleif.h"
#include "roworder.h"
#include "summarypanel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <cstdio>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench-summary FILE.csv [SYNTHETIC_ENTITIES]\n");
        return 2;
    }
    QString error;
    auto file = CsvFile::load(QString::fromLocal8Bit(argv[1]), {}, &error);
    if (!file) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 3;
    }
    FakeGleif fake;
    FakeGleif::Options o;
    o.syntheticEntities = argc > 2 ? std::atoi(argv[2]) : 0;
    o.healthVariety = true;
    o.loadSampleRecords = false;
    fake.setOptions(o);
    if (!fake.listen())
        return 3;
    EnrichmentSettings s;
    s.gleif.baseUrl = fake.baseUrl();
    s.useCache = false;
    EnrichmentJob job;
    QSignalSpy finished(&job, &EnrichmentJob::finished);
    if (!job.start(file, file->findColumn(), CostRules::defaults(), s, &error) || !finished.wait(600000)) {
        std::fprintf(stderr, "enrichment failed: %s\n", qPrintable(error));
        return 3;
    }
    const auto results = job.results();
    std::printf("%lld rows, %lld ok, %lld not_found, %lld rows with warnings\n", results->rowCount(),
                results->countOf(RowStatus::Ok), results->countOf(RowStatus::NotFound), results->warningRowCount());
    auto time = [](const char *what, auto &&work) {
        QElapsedTimer t;
        t.start();
        work();
        std::printf("%-52s %8.0f ms\n", what, double(t.nsecsElapsed()) / 1e6);
    };
    QVector<CostTotal> totals;
    time("cost totals per country and currency", [&] {
        totals = CostTotals::compute(*results, *file, CostTotals::findCurrencyColumn(file->header()));
    });
    FailuresModel failures;
    time("failures model (groups of over 1,000 rows by LEI)", [&] { failures.setResults(results, file); });
    SummaryPanel panel;
    panel.resize(420, 700);
    panel.show();
    time("summary charts and table", [&] {
        panel.setResults(*results, *file, failures.warningGroups());
        QApplication::processEvents(); // laid out and painted
    });
    if (!totals.isEmpty()) {
        const CostTotal &t = totals.first();
        std::vector<qint32> rows;
        time("filter of a cost bar (status, country, currency)", [&] {
            rows = RowOrder::filtered(*file, results.get(), {}, QStringLiteral("status is ok and country is %1 and currency is %2").arg(t.country, t.currency));
        });
        std::printf("  (%zu rows)\n", rows.size());
    }
    time("filter of a warning bar (warning is successor)",
         [&] { RowOrder::filtered(*file, results.get(), {}, QStringLiteral("warning is successor")); });
    return 0;
}
