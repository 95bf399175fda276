#include "enrichmentrun.h"

#include "costtotals.h"
#include "csvfile.h"
#include "enrichmentjob.h"
#include "exporter.h"
#include "interrupthandler.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QTextStream>

#include <atomic>
#include <cstdio>
#include <unistd.h>

namespace EnrichmentRun {
namespace {

enum ExitCode { AllOk = 0, SomeRowsFailed = 1, Usage = 2, InputOutput = 3, Interrupted = 130 };

// Parent lookups online that would take longer than this stop the run before any is sent.
constexpr double kSlowParentMinutes = 10;

QString tr(const char *text)
{
    return QCoreApplication::translate("lei-enrich", text);
}

QString formatSeconds(double s)
{
    if (s < 0)
        return QStringLiteral("?");
    const int total = int(s + 0.5);
    if (total >= 3600)
        return QStringLiteral("%1h%2m").arg(total / 3600).arg((total % 3600) / 60, 2, 10, QLatin1Char('0'));
    if (total >= 60)
        return QStringLiteral("%1m%2s").arg(total / 60).arg(total % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1s").arg(total);
}

QString progressLine(const EnrichmentProgress &p)
{
    QString left = p.secondsLeft >= 0 ? tr("  left %1").arg(formatSeconds(p.secondsLeft)) : QString();
    if (p.parentsLeft > 0)
        left += tr("  parents left %1").arg(p.parentsLeft);
    if (p.rateLimitWait >= 1)
        left += tr("  waiting %1 for GLEIF's rate limit").arg(formatSeconds(p.rateLimitWait));
    const QString mirror = p.fromMirror > 0 ? tr(", mirror %1").arg(p.fromMirror) : QString();
    return tr("LEIs %1/%2 (cache %3%9, fetched %4, failed %5)  requests %6  rows %7/%8")
        .arg(p.resolved).arg(p.distinct).arg(p.fromCache).arg(p.fetched).arg(p.failed)
        .arg(p.requests).arg(p.rowsDone).arg(p.rows).arg(mirror) + left;
}

bool writeReport(const QString &path, const CsvFile &file, const EnrichmentJob &job,
                 const QStringList &exportNotices, int currencyColumn, QString *error)
{
    const EnrichmentProgress p = job.progress();
    const auto results = job.results();
    QJsonObject statuses;
    for (RowStatus s : Status::kAll)
        if (s != RowStatus::Pending || results->countOf(s) > 0)
            statuses.insert(Status::code(s), results->countOf(s));
    const int leiColumn = results->leiColumn();
    // A failure or a warning names its row (from 1) and its LEI: the answer's, else the cell's.
    auto rowEntry = [&](qint64 row) {
        QJsonObject entry{{QStringLiteral("row"), row + 1}};
        if (const LeiAnswer *a = results->answer(row))
            entry.insert(QStringLiteral("lei"), a->lei);
        else if (leiColumn >= 0)
            entry.insert(QStringLiteral("lei"), file.cell(row, leiColumn));
        return entry;
    };
    QJsonArray failures;
    for (qint64 row = 0; row < results->rowCount(); ++row) {
        if (results->status(row) == RowStatus::Ok)
            continue;
        QJsonObject f = rowEntry(row);
        f.insert(QStringLiteral("status"), Status::code(results->status(row)));
        f.insert(QStringLiteral("reason"), results->reason(row));
        failures.append(f);
    }
    qint64 sources[3] = {0, 0, 0}; // cache, mirror, api
    for (qint64 i = 0; i < results->answerCount(); ++i) {
        const LeiAnswer &a = results->answerAt(i);
        if (a.state == LeiAnswer::State::Found || a.state == LeiAnswer::State::NotFound || a.stale)
            ++sources[a.fromMirror ? 1 : a.fromCache ? 0 : 2];
    }
    QJsonArray costTotals; // per country and currency: costs are in their notional's currency
    for (const CostTotal &t : CostTotals::compute(*results, file, currencyColumn))
        costTotals.append(QJsonObject{{QStringLiteral("country"), t.country}, {QStringLiteral("currency"), t.currency},
                                      {QStringLiteral("total"), t.total}, {QStringLiteral("rows"), t.rows}});
    QJsonArray warnings;
    for (qint64 row : results->warningRows()) {
        QJsonObject w = rowEntry(row);
        w.insert(QStringLiteral("codes"), QJsonArray::fromStringList(results->warnings(row)));
        warnings.append(w);
    }
    QJsonObject root{
        {QStringLiteral("input"), file.path()},
        {QStringLiteral("rows"), p.rows},
        {QStringLiteral("distinct_leis"), p.distinct},
        {QStringLiteral("cache_hits"), p.fromCache},
        {QStringLiteral("fetched"), p.fetched},
        {QStringLiteral("stale"), p.stale},
        {QStringLiteral("requests_sent"), p.requests},
        {QStringLiteral("retries"), p.retries},
        {QStringLiteral("rate_limited"), p.tooManyRequests},
        {QStringLiteral("rows_per_status"), statuses},
        // LEIs per source of their answer (stale ones by where the old answer came from).
        {QStringLiteral("sources"), QJsonObject{{QStringLiteral("cache"), sources[0]},
                                                {QStringLiteral("mirror"), sources[1]},
                                                {QStringLiteral("api"), sources[2]}}},
        {QStringLiteral("failures"), failures},
        {QStringLiteral("cost_totals"), costTotals},
        {QStringLiteral("warnings"), warnings},
        // Rows per match status (all 0 without --match-*).
        {QStringLiteral("matches"), QJsonObject{{QStringLiteral("exact"), results->countOfMatch(Match::Status::Exact)},
                                                {QStringLiteral("probable"), results->countOfMatch(Match::Status::Probable)},
                                                {QStringLiteral("ambiguous"), results->countOfMatch(Match::Status::Ambiguous)},
                                                {QStringLiteral("none"), results->countOfMatch(Match::Status::None)},
                                                {QStringLiteral("accepted"), results->countOfMatch(Match::Status::Accepted)}}},
        {QStringLiteral("notices"), QJsonArray::fromStringList(job.notices() + exportNotices)},
        {QStringLiteral("seconds"), p.seconds},
    };
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(QJsonDocument(root).toJson()) < 0 || !out.commit()) {
        *error = QStringLiteral("%1: %2").arg(path, out.errorString());
        return false;
    }
    return true;
}

} // namespace

int exec(std::shared_ptr<CsvFile> file, int leiColumn, CostRules rules,
         const EnrichmentSettings &settings, const Options &options)
{
    QTextStream err(stderr);
    const bool tty = ::isatty(STDERR_FILENO);
    EnrichmentJob job;
    QString error;

    bool interrupted = false;
    const InterruptHandler interrupt([&] {
        interrupted = true;
        job.cancel();
    });
    if (!interrupt.ok()) {
        err << "lei-enrich: " << tr("cannot set up signal handling") << '\n';
        return InputOutput;
    }

    QObject::connect(&job, &EnrichmentJob::noticeAdded, &job, [&](const QString &w) {
        err << (tty ? QStringLiteral("\r\x1b[K") : QString()) << "lei-enrich: " << tr("warning: ") << w << '\n';
        err.flush();
    });
    // The parent lookups' cost is said before any is sent; over 10 minutes the run stops there.
    EnrichmentSettings runSettings = settings;
    runSettings.confirmParents = true;
    bool tooSlow = false;
    QObject::connect(&job, &EnrichmentJob::parentsCostKnown, &job, [&](const ParentCost &cost) {
        const QString what = tr("parent lookups: %1 requests to GLEIF, about %2 minutes at %3 requests a minute")
                                 .arg(cost.requests)
                                 .arg(cost.minutes, 0, 'f', 1)
                                 .arg(settings.gleif.requestsPerMinute);
        if (cost.minutes > kSlowParentMinutes && !options.allowSlow) {
            tooSlow = true;
            err << (tty ? QStringLiteral("\r\x1b[K") : QString()) << "lei-enrich: " << what << "; "
                << tr("over %1 minutes, so none was sent and nothing written. Run with --allow-slow to make them anyway, "
                      "or enrich from the offline GLEIF mirror (lei-enrich mirror update, then --source mirror), "
                      "which answers parents with no request.").arg(kSlowParentMinutes)
                << '\n';
            err.flush();
            job.cancel();
            return;
        }
        if (!options.quiet) {
            err << (tty ? QStringLiteral("\r\x1b[K") : QString()) << "lei-enrich: " << what << '\n';
            err.flush();
        }
        job.approveParents(true);
    });
    if (!job.start(file, leiColumn, std::move(rules), runSettings, &error)) {
        err << "lei-enrich: " << error << '\n';
        return InputOutput;
    }

    QElapsedTimer sinceLine;
    sinceLine.start();
    if (!options.quiet) {
        QObject::connect(&job, &EnrichmentJob::progressChanged, &job, [&](const EnrichmentProgress &p) {
            if (tty) {
                err << '\r' << progressLine(p) << "\x1b[K";
                err.flush();
            } else if (sinceLine.elapsed() >= 5000) {
                sinceLine.restart();
                err << progressLine(p) << '\n';
                err.flush();
            }
        });
    }
    QEventLoop loop;
    bool complete = false;
    QObject::connect(&job, &EnrichmentJob::finished, &loop, [&](bool done) {
        complete = done;
        loop.quit();
    });
    loop.exec();
    if (!options.quiet && !tooSlow) {
        err << (tty ? QStringLiteral("\r") : QString()) << progressLine(job.progress())
            << (tty ? QStringLiteral("\x1b[K\n") : QStringLiteral("\n"));
        err.flush();
    }
    if (tooSlow)
        return Usage; // every answer received is in the cache already
    if (interrupted || !complete) {
        err << "lei-enrich: " << tr("interrupted: no output written; every answer received is in the cache") << '\n';
        return Interrupted;
    }

    // Rows read from a file that changed meanwhile may be anything: nothing is written.
    if (file->hasChanged()) {
        err << "lei-enrich: " << tr("%1: changed while it was being read; nothing written").arg(file->path()) << '\n';
        return InputOutput;
    }

    Exporter::Progress exportProgress;
    exportProgress.cancel = InterruptHandler::flag();
    QStringList exportNotices;
    Exporter::Options exportOptions;
    exportOptions.neutraliseInputFormulas = options.neutraliseFormulas;
    exportOptions.notices = &exportNotices;
    if (!Exporter::write(*file, job.results().get(), options.output, &error, exportProgress, exportOptions)) {
        if (InterruptHandler::interrupted()) {
            err << "lei-enrich: " << tr("interrupted: no output written; every answer received is in the cache") << '\n';
            return Interrupted;
        }
        err << "lei-enrich: " << error << '\n';
        return InputOutput;
    }
    for (const QString &notice : exportNotices)
        err << "lei-enrich: " << tr("warning: ") << notice << '\n';
    if (!options.report.isEmpty() && !writeReport(options.report, *file, job, exportNotices, options.currencyColumn, &error)) {
        err << "lei-enrich: " << error << '\n';
        return InputOutput;
    }
    const auto results = job.results();
    const qint64 notOk = results->rowCount() - results->countOf(RowStatus::Ok);
    if (!options.quiet) {
        QStringList counts;
        for (RowStatus s : Status::kAll)
            if (results->countOf(s) > 0)
                counts << QStringLiteral("%1 %2").arg(results->countOf(s)).arg(Status::code(s));
        if (results->warningRowCount() > 0)
            counts << tr("%1 with warnings").arg(results->warningRowCount());
        err << tr("%1: %2 rows (%3) in %4 s").arg(options.output).arg(results->rowCount())
                   .arg(counts.join(QStringLiteral(", "))).arg(job.progress().seconds, 0, 'f', 2)
            << '\n';
    }
    const qint64 fieldCountWarnings = results->countOfWarning(RowWarning::kExtraFields)
        + results->countOfWarning(RowWarning::kMissingFields);
    // Every other row warning is about the LEI's health: it counts only with --strict.
    const bool healthCounts = options.strict && results->warningRowCount() > 0;
    return notOk == 0 && fieldCountWarnings == 0 && !healthCounts ? AllOk : SomeRowsFailed;
}

} // namespace EnrichmentRun
