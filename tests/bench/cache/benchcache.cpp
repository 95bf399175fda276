// bench-cache: the cache at the size issue 4 asks about. Builds a cache of --entries answers
// (default 1,000,000; 10% "not found", fetch times spread over two days so about half are
// expired) in a temporary file, then times what a job and the Cache dialog do with it:
// looking up 10,000 distinct LEIs in one call, writing 10,000 answers in one call (new LEIs
// falling between cached ones, and refetched ones), the bytes
// each entry costs on disk, and opening the dialog up to its first page shown. Each timing is
// repeated (--runs) on different LEIs; the table shows the median and the worst.
#include "cachedialog.h"
#include "cacheentrymodel.h"
#include "cachetestdata.h"
#include "leicache.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <cstdio>

namespace Data = CacheTestData;

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

struct Row
{
    QString what;
    QString median;
    QString worst;
    QString target;
    QString verdict;
};

QString ms(double v) { return QString::number(v, 'f', v < 10 ? 2 : 1) + QStringLiteral(" ms"); }

Row timing(const QString &what, QList<double> samples, double targetMs)
{
    std::sort(samples.begin(), samples.end());
    const double median = samples.at(samples.size() / 2);
    const double worst = samples.constLast();
    return {what, ms(median), ms(worst), targetMs > 0 ? QStringLiteral("<= ") + ms(targetMs) : QStringLiteral("-"),
            targetMs > 0 ? (worst <= targetMs ? QStringLiteral("ok") : (median <= targetMs ? QStringLiteral("median ok") : QStringLiteral("OVER"))) : QString()};
}

// The cache holds the even-numbered synthetic LEIs (entry k is LEI number 2k), so new answers
// can take odd numbers that fall between cached keys, at random places in the b-trees, as a real
// job's new counterparties do. Every tenth entry is a "not found".
QString cachedLei(qint64 k) { return Data::lei(2 * k); }

LookupResult answerFor(qint64 n, const QDateTime &fetched)
{
    return (n / 2) % 10 == 0 ? Data::notFound(Data::lei(n), fetched) : Data::found(n, fetched);
}

} // namespace

int main(int argc, char **argv)
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Times the LEI cache with a large number of entries."));
    parser.addHelpOption();
    const QCommandLineOption entriesOption(QStringLiteral("entries"), QStringLiteral("Entries to fill the cache with (default 1000000)."), QStringLiteral("N"), QStringLiteral("1000000"));
    const QCommandLineOption batchOption(QStringLiteral("batch"), QStringLiteral("LEIs per lookup / answers per write (default 10000)."), QStringLiteral("N"), QStringLiteral("10000"));
    const QCommandLineOption runsOption(QStringLiteral("runs"), QStringLiteral("Repetitions of each timing (default 7)."), QStringLiteral("N"), QStringLiteral("7"));
    const QCommandLineOption dirOption(QStringLiteral("dir"), QStringLiteral("Folder for the temporary cache file (default: the system temp folder)."), QStringLiteral("PATH"));
    const QCommandLineOption reuseOption(QStringLiteral("reuse"), QStringLiteral("Use this cache file, filling it only if it is empty, and keep it (for repeated runs; the writes make it grow)."), QStringLiteral("PATH"));
    parser.addOptions({entriesOption, batchOption, runsOption, dirOption, reuseOption});
    parser.process(app);
    const qint64 entries = parser.value(entriesOption).toLongLong();
    const int batch = parser.value(batchOption).toInt();
    const int runs = std::max(1, parser.value(runsOption).toInt());
    if (entries < batch || batch <= 0) {
        std::fprintf(stderr, "bench-cache: --entries must be at least --batch\n");
        return 2;
    }

    QTemporaryDir dir(parser.isSet(dirOption) ? parser.value(dirOption) + QStringLiteral("/bench-cache-XXXXXX") : QString());
    if (!dir.isValid()) {
        std::fprintf(stderr, "bench-cache: cannot create a temporary folder\n");
        return 3;
    }
    const QString path = parser.isSet(reuseOption) ? parser.value(reuseOption) : dir.filePath(QStringLiteral("cache.sqlite"));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QList<Row> rows;

    // Fill. Timed too (the rate a job's stream of answers can be written at), not a target.
    qint64 rawBytes = 0, compressedBytes = 0, foundCount = 0;
    {
        LeiCache cache;
        if (!cache.open(path)) {
            std::fprintf(stderr, "bench-cache: %s\n", qPrintable(cache.lastError()));
            return 3;
        }
        const qint64 already = cache.countEntries(QString());
        if (already > 0)
            out() << "Reusing " << path << " (" << already << " entries)" << Qt::endl;
        else
            out() << "Filling " << path << " with " << entries << " entries..." << Qt::endl;
        QElapsedTimer fillTimer;
        fillTimer.start();
        double storeMs = 0;
        for (qint64 first = 0; already == 0 && first < entries; first += batch) {
            const int count = int(std::min<qint64>(batch, entries - first));
            // Spread over two days: half the found answers (24 h lifetime) are expired.
            const QDateTime fetched = now.addSecs(-qint64(double(first) / entries * 48 * 3600));
            QList<LookupResult> list;
            list.reserve(count);
            for (qint64 k = first; k < first + count; ++k)
                list.append(answerFor(2 * k, fetched));
            for (const LookupResult &r : list) {
                if (r.outcome == LookupOutcome::Found) {
                    rawBytes += r.record.rawJson.size();
                    ++foundCount;
                }
            }
            QElapsedTimer t;
            t.start();
            if (!cache.store(list)) {
                std::fprintf(stderr, "bench-cache: %s\n", qPrintable(cache.lastError()));
                return 3;
            }
            storeMs += t.nsecsElapsed() / 1e6;
            if ((first / batch) % 10 == 9)
                out() << "  " << first + count << " entries, " << fillTimer.elapsed() / 1000 << " s" << Qt::endl;
        }
        if (already == 0)
            out() << "Filled in " << fillTimer.elapsed() / 1000.0 << " s (" << storeMs / 1000.0 << " s of it in store(), "
              << QString::number(entries / (storeMs / 1000.0), 'f', 0) << " answers/s)" << Qt::endl;
        Q_UNUSED(compressedBytes);
    }

    // Bytes per entry, measured with the log checkpointed into the file (the state after close).
    const qint64 fileSize = QFileInfo(path).size();
    qint64 entriesInFile = entries;

    LeiCache cache;
    QElapsedTimer openTimer;
    openTimer.start();
    if (!cache.open(path)) {
        std::fprintf(stderr, "bench-cache: %s\n", qPrintable(cache.lastError()));
        return 3;
    }
    const double openMs = openTimer.nsecsElapsed() / 1e6;
    entriesInFile = cache.countEntries(QString());
    rows.append(timing(QStringLiteral("open the cache file"), {openMs}, 0));

    // Lookups: distinct LEIs drawn at random from the whole cache, different ones each run.
    QRandomGenerator random(4);
    auto drawLeis = [&](int count) {
        QSet<qint64> picked;
        picked.reserve(count);
        while (picked.size() < count)
            picked.insert(qint64(random.bounded(quint64(entries))));
        QStringList leis;
        leis.reserve(count);
        for (qint64 n : picked)
            leis.append(cachedLei(n));
        return leis;
    };
    {
        QList<double> withRaw, withoutRaw, halfMissing;
        qsizetype hits = 0;
        for (int run = 0; run < runs; ++run) {
            const QStringList leis = drawLeis(batch);
            QElapsedTimer t;
            t.start();
            const auto found = cache.lookup(leis);
            withRaw.append(t.nsecsElapsed() / 1e6);
            hits = found.size();
            const QStringList other = drawLeis(batch);
            t.restart();
            const auto fields = cache.lookup(other, LeiCache::RawRecord::Skip);
            withoutRaw.append(t.nsecsElapsed() / 1e6);
            QStringList mixed = drawLeis(batch / 2);
            for (int i = 0; i < batch / 2; ++i)
                mixed.append(Data::lei(4 * entries + 10'000'000 + run * batch + i)); // not cached
            t.restart();
            const auto some = cache.lookup(mixed);
            halfMissing.append(t.nsecsElapsed() / 1e6);
            if (fields.size() != batch || some.size() != batch / 2)
                std::fprintf(stderr, "bench-cache: unexpected lookup result sizes\n");
        }
        if (hits != batch)
            std::fprintf(stderr, "bench-cache: %lld of %d LEIs found\n", qlonglong(hits), batch);
        rows.append(timing(QStringLiteral("look up %1 LEIs (with raw record)").arg(batch), withRaw, 50));
        rows.append(timing(QStringLiteral("look up %1 LEIs (fields only)").arg(batch), withoutRaw, 50));
        rows.append(timing(QStringLiteral("look up %1 LEIs, half not cached").arg(batch), halfMissing, 50));
    }

    // Writes: new LEIs (inserts between cached keys) and refetched ones (updates in place), each
    // one store() call. Answers are built before the clock starts, as the client hands them over.
    {
        QList<double> inserts, updates;
        QSet<qint64> added;
        auto refetchedAnswers = [&] {
            QList<LookupResult> list;
            list.reserve(batch);
            for (const QString &lei : drawLeis(batch))
                list.append(answerFor(lei.mid(4, 14).toLongLong(), now));
            return list;
        };
        for (int run = 0; run < runs; ++run) {
            QList<LookupResult> fresh;
            fresh.reserve(batch);
            while (fresh.size() < batch) {
                const qint64 n = 2 * qint64(random.bounded(quint64(entries))) + 1;
                if (!added.contains(n)) {
                    added.insert(n);
                    fresh.append(answerFor(n, now));
                }
            }
            QElapsedTimer t;
            t.start();
            if (!cache.store(fresh))
                std::fprintf(stderr, "bench-cache: %s\n", qPrintable(cache.lastError()));
            inserts.append(t.nsecsElapsed() / 1e6);

            const QList<LookupResult> refetched = refetchedAnswers();
            t.restart();
            if (!cache.store(refetched))
                std::fprintf(stderr, "bench-cache: %s\n", qPrintable(cache.lastError()));
            updates.append(t.nsecsElapsed() / 1e6);
        }
        rows.append(timing(QStringLiteral("write %1 new answers (random keys)").arg(batch), inserts, 0));
        rows.append(timing(QStringLiteral("write %1 refetched answers").arg(batch), updates, 0));

        // As a job writes them: one store() per GLEIF response of up to 200 records.
        QList<double> perResponse;
        for (int run = 0; run < runs; ++run) {
            const QList<LookupResult> refetched = refetchedAnswers();
            QElapsedTimer t;
            t.start();
            for (qsizetype first = 0; first < refetched.size(); first += 200) {
                if (!cache.store(refetched.mid(first, 200)))
                    std::fprintf(stderr, "bench-cache: %s\n", qPrintable(cache.lastError()));
            }
            perResponse.append(t.nsecsElapsed() / 1e6);
        }
        rows.append(timing(QStringLiteral("write %1 refetched, 200 per store()").arg(batch), perResponse, 0));
    }

    // The Cache dialog: constructed (counts + first page) and shown, until the first paint.
    {
        QList<double> opens, stats, searches;
        for (int run = 0; run < runs; ++run) {
            QElapsedTimer t;
            t.start();
            {
                CacheDialog dialog(&cache);
                dialog.show();
                QApplication::processEvents(); // layout and first paint of the table
                opens.append(t.nsecsElapsed() / 1e6);
                if (dialog.model()->rowCount() != CacheEntryModel::DefaultPageSize)
                    std::fprintf(stderr, "bench-cache: dialog shows %d rows\n", dialog.model()->rowCount());
            }
            t.restart();
            cache.stats();
            stats.append(t.nsecsElapsed() / 1e6);
            CacheEntryModel model(&cache);
            t.restart();
            model.setFilter(QStringLiteral("Entity %1").arg(random.bounded(int(entries))));
            searches.append(t.nsecsElapsed() / 1e6);
        }
        rows.append(timing(QStringLiteral("open the Cache dialog, first page shown"), opens, 500));
        rows.append(timing(QStringLiteral("  of which counts (stats())"), stats, 0));
        rows.append(timing(QStringLiteral("search by legal name (whole table)"), searches, 0));
    }
    {
        // Deep in the table: key paging stays flat where OFFSET would walk every row.
        QList<double> deep;
        for (int run = 0; run < runs; ++run) {
            const QString after = cachedLei(entries - 1000 - run);
            QElapsedTimer t;
            t.start();
            cache.entriesAfter(QString(), after, CacheEntryModel::DefaultPageSize);
            deep.append(t.nsecsElapsed() / 1e6);
        }
        rows.append(timing(QStringLiteral("a page near the end of the table"), deep, 0));
    }
    const qint64 total = cache.countEntries(QString());
    if (!parser.isSet(reuseOption)) {
        // Once each, at the end: they empty the cache, so not on a file kept for reuse.
        QElapsedTimer t;
        t.start();
        const qint64 purged = cache.purgeExpired();
        rows.append(timing(QStringLiteral("purge expired (%1 entries)").arg(purged), {t.nsecsElapsed() / 1e6}, 0));
        t.restart();
        const qint64 cleared = cache.clear();
        rows.append(timing(QStringLiteral("clear all (%1 entries, with VACUUM)").arg(cleared), {t.nsecsElapsed() / 1e6}, 0));
        rows.append({QStringLiteral("  size on disk after clear"), QString::number(cache.sizeOnDisk()), QString(),
                     QStringLiteral("-"), QStringLiteral("bytes")});
    }
    cache.close();

    if (foundCount == 0) { // reused file: measure a sample
        for (qint64 k = 0; k < 1000; ++k) {
            const LookupResult r = answerFor(2 * k, now);
            if (r.outcome == LookupOutcome::Found) {
                rawBytes += r.record.rawJson.size();
                ++foundCount;
            }
        }
    }
    const double perEntry = double(fileSize) / double(entriesInFile);
    rows.append({QStringLiteral("bytes on disk per entry"), QString::number(perEntry, 'f', 0), QString(),
                 QStringLiteral("-"), QStringLiteral("(%1 MB for %2)").arg(fileSize / 1e6, 0, 'f', 1).arg(entriesInFile)});
    rows.append({QStringLiteral("  raw record JSON, average"), QString::number(double(rawBytes) / foundCount, 'f', 0),
                 QString(), QStringLiteral("-"), QStringLiteral("(stored compressed)")});

    out() << "\nbench-cache: " << entries << " entries filled, " << total << " at the end, "
          << runs << " runs per timing, SQLite via Qt " << qVersion() << "\n\n";
    int w0 = 0;
    for (const Row &r : rows)
        w0 = std::max(w0, int(r.what.size()));
    out() << QStringLiteral("what").leftJustified(w0) << " | " << QStringLiteral("median").rightJustified(10) << " | "
          << QStringLiteral("worst").rightJustified(10) << " | " << QStringLiteral("target").leftJustified(11) << " | \n";
    out() << QString(w0, u'-') << "-|-" << QString(10, u'-') << "-|-" << QString(10, u'-') << "-|-" << QString(11, u'-') << "-|-------\n";
    for (const Row &r : rows)
        out() << r.what.leftJustified(w0) << " | " << r.median.rightJustified(10) << " | " << r.worst.rightJustified(10)
              << " | " << r.target.leftJustified(11) << " | " << r.verdict << "\n";
    out().flush();
    return 0;
}
