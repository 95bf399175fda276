// bench-mirror: issue 13's figures for the Golden Copy mirror on generated full-width files.
//   bench-mirror generate DIR N      full LEI2, RR, repex, BIC map of N records (+ a LastDay delta)
//   bench-mirror import DIR MIRROR   full import of DIR's full files (run under /usr/bin/time -v)
//   bench-mirror delta DIR MIRROR    apply DIR's LastDay delta
//   bench-mirror lookup MIRROR N     look up 10,000 of the first N LEIs, best of 5 (+ $ROUNDS); the CPU
//                                    time is of all threads (a lookup reads on two)
#include "goldencopygen.h"
#include "mirrorstore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTextStream>
#include <QTimeZone>

#include <sys/resource.h>
#include <time.h>

namespace {

const QDateTime kFull(QDate(2026, 9, 30), QTime(8, 0), QTimeZone::utc());
const QDateTime kDelta(QDate(2026, 10, 1), QTime(8, 0), QTimeZone::utc());
constexpr qint64 kDeltaChanged = 10000;
constexpr qint64 kDeltaNew = 5000;

qint64 peakRssMb()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss / 1024;
}

QStringList files(const QString &dir, bool delta)
{
    QStringList out;
    for (const QFileInfo &f : QDir(dir).entryInfoList(QDir::Files, QDir::Name))
        if (f.fileName().contains(QStringLiteral("last-day")) == delta)
            out << f.absoluteFilePath();
    return out;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    const QStringList a = app.arguments();
    if (a.size() < 4) {
        out << "usage: bench-mirror generate DIR N | import DIR MIRROR | delta DIR MIRROR | lookup MIRROR N\n"
               "       bench-mirror transactions FILE ROWS DISTINCT N   (a CSV over DISTINCT of the N generated LEIs,\n"
               "       for lei-enrich --source mirror)\n";
        return 2;
    }
    QElapsedTimer timer;
    timer.start();
    const auto report = [&](const QString &what) {
        out << what << ": " << timer.elapsed() / 1000.0 << " s, peak RSS " << peakRssMb() << " MB\n";
    };
    if (a[1] == u"generate") {
        const qint64 n = a[3].toLongLong();
        QDir().mkpath(a[2]);
        GoldenCopyGenerator gen;
        const QList<GoldenCopyGenerator::Range> all{{0, n, 0}};
        gen.writeLei2(a[2], kFull, all);
        gen.writeRelationships(a[2], kFull, all);
        gen.writeExceptions(a[2], kFull, all);
        gen.writeBicMap(a[2], kFull, all);
        GoldenCopyGenerator::FileOptions delta;
        delta.delta = QStringLiteral("LastDay");
        const QList<GoldenCopyGenerator::Range> changes{{n / 2, n / 2 + kDeltaChanged, 1}, {n, n + kDeltaNew, 0}};
        gen.writeLei2(a[2], kDelta, changes, delta);
        gen.writeRelationships(a[2], kDelta, changes, delta);
        gen.writeExceptions(a[2], kDelta, changes, delta);
        report(QStringLiteral("generated %1 records in %2").arg(n).arg(a[2]));
        return 0;
    }
    if (a[1] == u"import" || a[1] == u"delta") {
        MirrorStore mirror;
        mirror.open(a[3]);
        const QStringList paths = files(a[2], a[1] == u"delta");
        qint64 lastRecords = 0;
        const bool ok = mirror.importFiles(paths, QDateTime(), [&](const MirrorImportProgress &p) {
            if (p.records - lastRecords >= 500000) {
                lastRecords = p.records;
                out << "  " << p.records << " records, " << p.bytes / 1000000 << "/" << p.totalBytes / 1000000
                    << " MB, " << timer.elapsed() / 1000 << " s\n";
                out.flush();
            }
        }, nullptr);
        if (!ok) {
            out << "failed: " << mirror.error() << "\n";
            return 3;
        }
        report(QStringLiteral("%1 of %2 files").arg(a[1]).arg(paths.size()));
        const MirrorStatus s = mirror.status(); // counted after the figure: status() scans the mirror
        out << "  entities " << s.records << ", relationships " << s.relationships << ", exceptions "
            << s.exceptions << ", BICs " << s.bics << ", mirror " << s.sizeOnDisk / 1000000 << " MB\n";
        return 0;
    }
    if (a[1] == u"transactions" && a.size() >= 6) {
        // Like gen-transactions, but over the generator's LEIs, which a generated mirror holds.
        const qint64 rows = a[3].toLongLong(), distinct = a[4].toLongLong(), n = a[5].toLongLong();
        QFile file(a[2]);
        if (rows < 1 || distinct < 1 || distinct > n || !file.open(QIODevice::WriteOnly)) {
            out << "bench-mirror: cannot write " << a[2] << " (or ROWS/DISTINCT/N out of range)\n";
            return 2;
        }
        QRandomGenerator random(11);
        std::vector<QByteArray> leis;
        leis.reserve(size_t(distinct));
        for (qint64 k = 0; k < distinct; ++k)
            leis.push_back(GoldenCopyGenerator::lei(k * (n / distinct)).toLatin1());
        QByteArray buffer = "transaction_uti,notional,notional_currency,rate,lei\n";
        for (qint64 row = 0; row < rows; ++row) {
            buffer += "UTI" + QByteArray::number(row) + ',' + QByteArray::number(1000 + random.bounded(1000000)) + ",EUR,0.00"
                + QByteArray::number(1 + random.bounded(999)) + ',' + leis[size_t(row % distinct)] + '\n';
            if (buffer.size() > (1 << 20)) {
                file.write(buffer);
                buffer.clear();
            }
        }
        file.write(buffer);
        report(QStringLiteral("%1 rows over %2 LEIs in %3").arg(rows).arg(distinct).arg(a[2]));
        return 0;
    }
    if (a[1] == u"lookup") {
        MirrorStore mirror;
        if (!mirror.open(a[2])) {
            out << mirror.error() << "\n";
            return 3;
        }
        const qint64 n = a[3].toLongLong();
        QStringList leis;
        QRandomGenerator random(7);
        for (int k = 0; k < 10000; ++k)
            leis << GoldenCopyGenerator::lei(qint64(random.bounded(quint64(n))));
        qint64 best = -1;
        double bestCpu = -1;
        int found = 0;
        for (int round = 0; round < qEnvironmentVariableIntValue("ROUNDS") + 5; ++round) {
            QElapsedTimer t;
            t.start();
            timespec cpu0{}, cpu1{};
            clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu0);
            {
                const QHash<QString, MirrorAnswer> answers = mirror.lookup(leis);
                found = int(answers.size());
            }
            clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu1);
            const qint64 ns = t.nsecsElapsed();
            const double cpuMs = (cpu1.tv_sec - cpu0.tv_sec) * 1e3 + (cpu1.tv_nsec - cpu0.tv_nsec) / 1e6;
            bestCpu = bestCpu < 0 ? cpuMs : qMin(bestCpu, cpuMs);
            best = best < 0 ? ns : qMin(best, ns);
        }
        out << "lookup of 10000 LEIs (" << found << " found) from " << n << ": best " << best / 1e6 << " ms (CPU " << bestCpu << " ms)\n";
        return 0;
    }
    return 2;
}
