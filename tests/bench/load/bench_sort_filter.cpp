// Sort and filter timings on a large file (issue 6: "report how long a sort and a filter take"),
// before and after an enrichment (issue 15: the filter typed on an enriched million rows).
//   bench-sort-filter FILE.csv
#include "answerstore.h"
#include "costrules.h"
#include "csvfile.h"
#include "enrichmentjob.h"
#include "roworder.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>

namespace {

// Answers every LEI with a made-up entity, as a warm cache would: the enrichment costs no
// network and no file.
class MadeUpStore final : public AnswerStore
{
public:
    QString open() override { return {}; }
    QDateTime registerPublished() const override { return {}; }
    StoredAnswers lookup(const QStringList &leis, bool) override
    {
        StoredAnswers held;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        for (const QString &lei : leis) {
            CachedAnswer &c = held.kept[lei];
            c.result.lei = lei;
            c.result.outcome = LookupOutcome::Found;
            c.result.fetchedAt = now;
            c.result.record.lei = lei;
            c.result.record.legalName = QStringLiteral("Counterparty %1 Holdings Limited").arg(lei.left(6));
            c.result.record.country = lei.at(0) < u'M' ? QStringLiteral("GB") : QStringLiteral("NL");
            c.result.record.bics = {QStringLiteral("BANK%1XXX").arg(lei.mid(6, 4))};
            c.expiresAt = now.addDays(1);
            c.fresh = true;
        }
        return held;
    }
    QString store(const QList<LookupResult> &) override { return {}; }
    QHash<QString, ParentResult> lookupParents(const QStringList &) override { return {}; }
    QString storeParents(const QList<ParentResult> &) override { return {}; }
};

} // namespace

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench-sort-filter FILE.csv\n");
        return 2;
    }
    QString error;
    auto file = CsvFile::load(QString::fromLocal8Bit(argv[1]), {}, &error);
    if (!file) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 3;
    }
    std::printf("%lld rows x %d columns\n", file->rowCount(), file->columnCount());
    auto time = [](const char *what, auto &&work) {
        QElapsedTimer t;
        t.start();
        const auto rows = work();
        std::printf("%-44s %8.0f ms  (%zu rows)\n", what, double(t.nsecsElapsed()) / 1e6, rows.size());
        return rows;
    };
    const int lei = file->findColumn();
    const int notional = file->findColumn(QStringLiteral("notional"));
    const int uti = 0;
    time("sort by a number column (notional)", [&] { return RowOrder::sorted(*file, nullptr, notional, Qt::AscendingOrder); });
    time("sort by a text column (first column)", [&] { return RowOrder::sorted(*file, nullptr, uti, Qt::DescendingOrder); });
    const auto byLei = time("sort by the LEI column", [&] { return RowOrder::sorted(*file, nullptr, lei, Qt::AscendingOrder); });
    time("filter by text (\"gbp\"), all rows", [&] { return RowOrder::filtered(*file, nullptr, {}, QStringLiteral("gbp")); });
    time("filter by text, rare match", [&] { return RowOrder::filtered(*file, nullptr, byLei, QStringLiteral("zzqq")); });
    time("filter by status (no results: all pending)", [&] { return RowOrder::filtered(*file, nullptr, {}, QStringLiteral("status is pending")); });

    EnrichmentJob job;
    EnrichmentSettings settings;
    settings.store = std::make_shared<MadeUpStore>();
    settings.offline = true;
    QEventLoop loop;
    QObject::connect(&job, &EnrichmentJob::finished, &loop, &QEventLoop::quit);
    if (!job.start(file, lei, CostRules::defaults(), settings, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 3;
    }
    loop.exec();
    const auto results = job.results();
    std::printf("enriched (every LEI answered by a made-up store):\n");
    time("filter by text (\"gbp\"), all rows", [&] { return RowOrder::filtered(*file, results.get(), {}, QStringLiteral("gbp")); });
    time("filter by a name (\"holdings\"), all rows", [&] { return RowOrder::filtered(*file, results.get(), {}, QStringLiteral("holdings")); });
    time("filter by digits (\"4711\"), costs too", [&] { return RowOrder::filtered(*file, results.get(), {}, QStringLiteral("4711")); });
    time("filter by text, rare match", [&] { return RowOrder::filtered(*file, results.get(), byLei, QStringLiteral("zzqq")); });
    time("filter by status (ok)", [&] { return RowOrder::filtered(*file, results.get(), {}, QStringLiteral("status is ok")); });
    return 0;
}
