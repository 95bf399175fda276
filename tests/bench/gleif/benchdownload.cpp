// bench-download: a Golden Copy sized download (issue 13) from fake-gleif over loopback, through
// the metadata URL's 302 to storage: throughput, and peak memory (which must not grow with the
// file: FileDownload streams to the .part). With --cut-every, the fake cuts every answer after
// that many MB and the download resumes with Range until done, as `mirror update` does.
// Never talks to the real GLEIF.
#include "download.h"

#include <QCommandLineParser>
#include <QCryptographicHash>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTextStream>

namespace {

qint64 peakRssKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Download a large file from fake-gleif the way mirror update does."));
    parser.addHelpOption();
    const QCommandLineOption sizeOption(QStringLiteral("mb"), QStringLiteral("File size in MiB (default 512)."), QStringLiteral("N"), QStringLiteral("512"));
    const QCommandLineOption cutOption(QStringLiteral("cut-every"), QStringLiteral("Cut every answer after N MiB (default: never)."), QStringLiteral("N"), QStringLiteral("0"));
    parser.addOptions({ sizeOption, cutOption });
    parser.process(app);
    const qint64 size = parser.value(sizeOption).toLongLong() << 20;
    const qint64 cut = parser.value(cutOption).toLongLong() << 20;
    QTextStream out(stdout);

    QTemporaryDir dir;
    const QString source = dir.filePath(QStringLiteral("source.zip"));
    {
        QFile file(source);
        if (!file.open(QIODevice::WriteOnly))
            return 3;
        QByteArray block(1 << 20, Qt::Uninitialized);
        QRandomGenerator generator(1);
        generator.fillRange(reinterpret_cast<quint32 *>(block.data()), block.size() / 4);
        for (qint64 at = 0; at < size; at += block.size())
            file.write(block.constData(), std::min<qint64>(block.size(), size - at));
    }

    QProcess fake;
    QStringList arguments { QStringLiteral("--no-sample"), QStringLiteral("--publish"), QStringLiteral("lei2=") + source };
    if (cut > 0)
        arguments << QStringLiteral("--download-cut") << QString::number(cut);
    fake.start(QStringLiteral(FAKE_GLEIF_PATH), arguments);
    if (!fake.waitForReadyRead(60000))
        return 3;
    const QUrl base(QString::fromUtf8(fake.readLine()).trimmed());
    const QUrl url(base.adjusted(QUrl::RemovePath).toString() + QStringLiteral("/goldencopy/api/v2/golden-copies/publishes/lei2/latest.csv"));

    GleifSettings settings;
    settings.proxy = QNetworkProxy(QNetworkProxy::NoProxy);
    FileDownload download(settings);
    QEventLoop loop;
    FileDownload::Result result;
    QObject::connect(&download, &FileDownload::finished, &loop, [&](const FileDownload::Result &r) {
        result = r;
        loop.quit();
    });
    const QString target = dir.filePath(QStringLiteral("lei2-full.zip"));
    QElapsedTimer clock;
    clock.start();
    int attempts = 0;
    do {
        ++attempts;
        download.start(url, target, size);
        if (download.isRunning())
            loop.exec();
    } while (result.outcome == FileDownload::Outcome::Failed && result.resumable && attempts < 1000);
    const double seconds = clock.elapsed() / 1000.0;
    fake.kill();
    fake.waitForFinished();
    if (result.outcome != FileDownload::Outcome::Done) {
        out << "failed: " << result.error << '\n';
        return 3;
    }
    const auto sha = [](const QString &path) {
        QFile file(path);
        QCryptographicHash hash(QCryptographicHash::Sha256);
        return file.open(QIODevice::ReadOnly) && hash.addData(&file) ? hash.result() : QByteArray();
    };
    if (sha(target) != sha(source)) {
        out << "failed: the downloaded file differs from the published one\n";
        return 3;
    }
    out << QStringLiteral("%1 MiB in %2 s (%3 MiB/s), %4 attempt(s), peak RSS %5 MiB\n")
               .arg(size >> 20).arg(seconds, 0, 'f', 2).arg((size >> 20) / seconds, 0, 'f', 1)
               .arg(attempts).arg(peakRssKb() / 1024.0, 0, 'f', 1);
    return 0;
}
