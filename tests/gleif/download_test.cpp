// Resumable downloads of Golden Copy files (issue 13) against the loopback fake: redirects to
// storage, resuming with Range after a cut, a stall or a cancel, restarting when the server
// ignores the range or the file changed, and the bounds (published size, free space, redirects).
#include "download.h"
#include "fakegleif.h"
#include "goldencopyapi.h"
#include "metadatarequest.h"
#include "testproxy.h"
#include "tlsfront.h"

#include <QFile>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QStorageInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace std::chrono;

namespace {

QByteArray randomBytes(qsizetype n, quint32 seed)
{
    QByteArray bytes(n, Qt::Uninitialized);
    QRandomGenerator generator(seed);
    for (char &c : bytes)
        c = char(generator.bounded(256));
    return bytes;
}

int mode(const QString &path)
{
    struct stat st {};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? int(st.st_mode & 0777) : -1;
}

QByteArray contents(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class DownloadTest final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeGleif> m_fake;
    std::unique_ptr<QTemporaryDir> m_dir;
    QByteArray m_bytes;
    QString m_target;

    QUrl fileUrl() const // what the metadata names: answered by a 302 to storage
    {
        return QUrl(m_fake->goldenCopyBaseUrl().toString() + QStringLiteral("/golden-copies/publishes/lei2/latest.csv"));
    }

    GleifSettings settings(milliseconds timeout = seconds(30)) const
    {
        GleifSettings s;
        s.timeout = timeout;
        s.proxy = QNetworkProxy(QNetworkProxy::NoProxy);
        return s;
    }

    FileDownload::Result run(FileDownload &download, const QUrl &url, qint64 size)
    {
        QSignalSpy finished(&download, &FileDownload::finished);
        download.start(url, m_target, size);
        if (finished.isEmpty() && !finished.wait(60000))
            return { FileDownload::Outcome::Failed, QStringLiteral("test: no finished() in 60 s"), false, 0 };
        return finished.first().first().value<FileDownload::Result>();
    }

    FileDownload::Result run(const QUrl &url, qint64 size, milliseconds timeout = seconds(30))
    {
        FileDownload download(settings(timeout));
        return run(download, url, size);
    }

    void publish(const QByteArray &bytes)
    {
        m_bytes = bytes;
        m_fake->addPublishedFile({ QStringLiteral("lei2"), {}, bytes, {}, 10, -1 });
    }

    QList<QByteArray> ranges() const
    {
        QList<QByteArray> r;
        for (const FakeGleif::StorageRequest &s : m_fake->storageLog())
            r.append(s.range);
        return r;
    }

    struct Answer
    {
        QByteArray body;
        QString error;
    };
    Answer metadata(const QUrl &url)
    {
        MetadataRequest request(settings());
        QSignalSpy finished(&request, &MetadataRequest::finished);
        request.get(url);
        if (finished.isEmpty() && !finished.wait(60000))
            return { {}, QStringLiteral("test: no answer in 60 s") };
        return { finished.first().at(0).toByteArray(), finished.first().at(1).toString() };
    }

    qint64 partSize() const { return QFileInfo(FileDownload::partPath(m_target)).size(); }

private Q_SLOTS:
    void init()
    {
        m_fake = std::make_unique<FakeGleif>();
        QVERIFY(m_fake->listen());
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_target = m_dir->filePath(QStringLiteral("lei2-full.zip"));
        publish(randomBytes(300 * 1024, 1));
    }

    void followsTheRedirectToStorage()
    {
        FileDownload download(settings());
        QSignalSpy progress(&download, &FileDownload::progress);
        const FileDownload::Result result = run(download, fileUrl(), m_bytes.size());
        QVERIFY2(result.outcome == FileDownload::Outcome::Done, qPrintable(result.error));
        QCOMPARE(contents(m_target), m_bytes);
        QVERIFY(!QFile::exists(FileDownload::partPath(m_target)));
        QVERIFY(!QFile::exists(FileDownload::validatorsPath(m_target)));
        QVERIFY(QFile::exists(FileDownload::recordPath(m_target)));
        QCOMPARE(mode(m_target), 0600);
        QCOMPARE(m_fake->storageLog().size(), 1);
        QVERIFY(m_fake->storageLog().first().path.startsWith(QStringLiteral("/storage/golden-copy-files/2026/09/30/")));
        QVERIFY(m_fake->storageLog().first().range.isEmpty());
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().at(0).toLongLong(), m_bytes.size());
        QCOMPARE(progress.last().at(1).toLongLong(), m_bytes.size());
    }

    void resumesAfterACut_data()
    {
        QTest::addColumn<qint64>("cutAt");
        QTest::newRow("after 1 byte") << qint64(1);
        QTest::newRow("half way") << qint64(150 * 1024);
        QTest::newRow("1 byte short") << qint64(300 * 1024 - 1);
    }
    void resumesAfterACut()
    {
        QFETCH(qint64, cutAt);
        m_fake->setDownloadFaults({ cutAt, true, -1, false, false }); // also any request Qt sends again itself
        FileDownload::Result result = run(fileUrl(), m_bytes.size());
        QCOMPARE(result.outcome, FileDownload::Outcome::Failed);
        QVERIFY2(result.error.contains(QStringLiteral("kept for resuming")), qPrintable(result.error));
        QVERIFY(result.resumable);
        QVERIFY(!QFile::exists(m_target));
        QCOMPARE(partSize(), cutAt);
        QCOMPARE(mode(FileDownload::partPath(m_target)), 0600);

        m_fake->setDownloadFaults({});
        result = run(fileUrl(), m_bytes.size());
        QVERIFY2(result.outcome == FileDownload::Outcome::Done, qPrintable(result.error));
        QCOMPARE(result.resumedFrom, cutAt);
        QCOMPARE(contents(m_target), m_bytes);
        // Qt may send the first request again by itself after the cut: that one has no Range.
        QVERIFY(ranges().first().isEmpty());
        QCOMPARE(ranges().last(), "bytes=" + QByteArray::number(cutAt) + '-');
        QCOMPARE(ranges().count({}), ranges().size() - 1);
        QVERIFY(!m_fake->storageLog().last().ifRange.isEmpty()); // the ETag of the first answer
        QCOMPARE(m_fake->storageLog().last().status, 206);
    }

    // A complete file of the same URL and size is not fetched again; of another size it is.
    void aCompleteDownloadIsKept()
    {
        QVERIFY(run(fileUrl(), m_bytes.size()).outcome == FileDownload::Outcome::Done);
        FileDownload::Result result = run(fileUrl(), m_bytes.size());
        QVERIFY(result.outcome == FileDownload::Outcome::Done && result.reused);
        QCOMPARE(m_fake->storageLog().size(), 1);
        QCOMPARE(contents(m_target), m_bytes);

        publish(randomBytes(1000, 3));
        result = run(fileUrl(), 1000);
        QVERIFY2(result.outcome == FileDownload::Outcome::Done, qPrintable(result.error));
        QVERIFY(!result.reused);
        QCOMPARE(m_fake->storageLog().size(), 2);
        QCOMPARE(contents(m_target), m_bytes);
    }

    // A failure before asking (here an unusable CA bundle) leaves what an earlier attempt got.
    void anEarlyFailureKeepsThePart()
    {
        m_fake->setDownloadFaults({ 1000, true, -1, false, false });
        QVERIFY(run(fileUrl(), m_bytes.size()).resumable);
        GleifSettings s = settings();
        s.caBundlePath = m_dir->filePath(QStringLiteral("missing.pem"));
        FileDownload download(s);
        const FileDownload::Result result = run(download, fileUrl(), m_bytes.size());
        QCOMPARE(result.outcome, FileDownload::Outcome::Failed);
        QVERIFY2(result.error.contains(QStringLiteral("missing.pem")), qPrintable(result.error));
        QCOMPARE(partSize(), 1000);
        m_fake->setDownloadFaults({});
        QCOMPARE(run(fileUrl(), m_bytes.size()).resumedFrom, 1000);
        QCOMPARE(contents(m_target), m_bytes);
    }

    void restartsWhenTheRangeIsIgnored()
    {
        m_fake->setDownloadFaults({ 1000, true, -1, false, false });
        QVERIFY(run(fileUrl(), m_bytes.size()).resumable);
        m_fake->setDownloadFaults({ -1, false, -1, true, false }); // 200 and the whole file
        const FileDownload::Result result = run(fileUrl(), m_bytes.size());
        QVERIFY2(result.outcome == FileDownload::Outcome::Done, qPrintable(result.error));
        QCOMPARE(result.resumedFrom, 0);
        QCOMPARE(m_fake->storageLog().last().range, QByteArray("bytes=1000-"));
        QCOMPARE(m_fake->storageLog().last().status, 200);
        QCOMPARE(contents(m_target), m_bytes); // not 1000 bytes of the first answer before it
    }

    void restartsWhenTheFileChanged()
    {
        m_fake->setDownloadFaults({ 1000, true, -1, false, false });
        QVERIFY(run(fileUrl(), m_bytes.size()).resumable);
        publish(randomBytes(m_bytes.size(), 2)); // same size, other bytes: another ETag
        m_fake->setDownloadFaults({});
        const FileDownload::Result result = run(fileUrl(), m_bytes.size());
        QVERIFY2(result.outcome == FileDownload::Outcome::Done, qPrintable(result.error));
        QCOMPARE(m_fake->storageLog().last().range, QByteArray("bytes=1000-"));
        QCOMPARE(m_fake->storageLog().last().status, 200); // If-Range did not match
        QCOMPARE(contents(m_target), m_bytes);
    }

    void aPartOfAnotherFileIsNotResumed()
    {
        m_fake->setDownloadFaults({ 1000, true, -1, false, false });
        QVERIFY(run(fileUrl(), m_bytes.size()).resumable);
        m_fake->setDownloadFaults({});
        m_fake->addPublishedFile({ QStringLiteral("lei2"), QStringLiteral("LastDay"), QByteArray(5000, 'd'), {}, 1, -1 });
        const QUrl delta(fileUrl().toString() + QStringLiteral("?delta=LastDay"));
        const FileDownload::Result result = run(delta, 5000);
        QVERIFY2(result.outcome == FileDownload::Outcome::Done, qPrintable(result.error));
        QVERIFY(m_fake->storageLog().last().range.isEmpty());
        QCOMPARE(contents(m_target), QByteArray(5000, 'd'));
    }

    void aStallEndsItAndLeavesThePart()
    {
        m_fake->setDownloadFaults({ -1, false, 4096, false, false });
        FileDownload::Result result = run(fileUrl(), m_bytes.size(), seconds(2));
        QCOMPARE(result.outcome, FileDownload::Outcome::Failed);
        QVERIFY2(result.error.contains(QStringLiteral("stalled")), qPrintable(result.error));
        QVERIFY2(result.error.startsWith(m_target), qPrintable(result.error));
        QVERIFY(result.resumable);
        QCOMPARE(partSize(), 4096);

        m_fake->setDownloadFaults({});
        result = run(fileUrl(), m_bytes.size());
        QVERIFY2(result.outcome == FileDownload::Outcome::Done, qPrintable(result.error));
        QCOMPARE(result.resumedFrom, 4096);
        QCOMPARE(contents(m_target), m_bytes);
    }

    void cancelLeavesAResumablePart()
    {
        m_fake->setDownloadFaults({ -1, false, 8192, false, false }); // holds it open mid-file
        FileDownload download(settings());
        QSignalSpy finished(&download, &FileDownload::finished);
        connect(&download, &FileDownload::progress, &download, [&](qint64 bytes) {
            if (bytes == 8192)
                download.cancel();
        });
        download.start(fileUrl(), m_target, m_bytes.size());
        QVERIFY(finished.wait(60000));
        const auto result = finished.first().first().value<FileDownload::Result>();
        QCOMPARE(result.outcome, FileDownload::Outcome::Cancelled);
        QVERIFY(result.resumable);
        QCOMPARE(partSize(), 8192);
        QVERIFY(!QFile::exists(m_target));

        m_fake->setDownloadFaults({});
        const FileDownload::Result again = run(fileUrl(), m_bytes.size());
        QVERIFY2(again.outcome == FileDownload::Outcome::Done, qPrintable(again.error));
        QCOMPARE(m_fake->storageLog().last().range, QByteArray("bytes=8192-"));
        QCOMPARE(contents(m_target), m_bytes);
    }

    // The published size bounds the file: announced otherwise, it is refused before a byte is
    // kept; nothing is left to resume from.
    void aSizeOtherThanPublishedIsRefused_data()
    {
        QTest::addColumn<qint64>("published");
        QTest::newRow("fewer published") << qint64(300 * 1024 - 10);
        QTest::newRow("more published") << qint64(300 * 1024 + 10);
    }
    void aSizeOtherThanPublishedIsRefused()
    {
        QFETCH(qint64, published);
        const FileDownload::Result result = run(fileUrl(), published);
        QCOMPARE(result.outcome, FileDownload::Outcome::Failed);
        QVERIFY2(result.error.contains(QStringLiteral("GLEIF published %1").arg(published)), qPrintable(result.error));
        QVERIFY(!result.resumable);
        QVERIFY(!QFile::exists(m_target));
        QVERIFY(!QFile::exists(FileDownload::partPath(m_target)));
    }

    // A body with no length that goes on past the published size is cut off there.
    void moreBytesThanPublishedAreRefused()
    {
        FakeGleif::Options options;
        options.hugeBodyBytes = 200000;
        options.hugeBodyDeclared = false;
        m_fake->setOptions(options);
        const QUrl url(m_fake->baseUrl().toString() + QStringLiteral("/lei-records"));
        const FileDownload::Result result = run(url, 50000);
        QCOMPARE(result.outcome, FileDownload::Outcome::Failed);
        QVERIFY2(result.error.contains(QStringLiteral("more than the 50000 bytes GLEIF published")), qPrintable(result.error));
        QVERIFY(!result.resumable);
        QVERIFY(!QFile::exists(m_target));
        QVERIFY(!QFile::exists(FileDownload::partPath(m_target)));
    }

    void notEnoughFreeSpace()
    {
        const qint64 free = QStorageInfo(m_dir->path()).bytesAvailable();
        QVERIFY(free > 0);
        const FileDownload::Result result = run(fileUrl(), free + (qint64(1) << 30));
        QCOMPARE(result.outcome, FileDownload::Outcome::Failed);
        QVERIFY2(result.error.contains(QStringLiteral("not enough free space")), qPrintable(result.error));
        QVERIFY(m_fake->storageLog().isEmpty()); // checked before asking
        QVERIFY(!QFile::exists(FileDownload::partPath(m_target)));
    }

    void httpErrorsAreReported()
    {
        m_fake->setDownloadFaults({ -1, false, -1, false, true });
        const FileDownload::Result result = run(fileUrl(), m_bytes.size());
        QCOMPARE(result.outcome, FileDownload::Outcome::Failed);
        QVERIFY2(result.error.contains(QStringLiteral("HTTP 404")), qPrintable(result.error));
        QVERIFY(!QFile::exists(m_target));
    }

    void redirectLoopsEnd()
    {
        FakeGleif::Options options;
        options.redirectTo = m_fake->origin(); // every API request: a 302 to itself
        m_fake->setOptions(options);
        const FileDownload::Result result = run(QUrl(m_fake->baseUrl().toString() + QStringLiteral("/lei-records")), 100);
        QCOMPARE(result.outcome, FileDownload::Outcome::Failed);
        QVERIFY2(result.error.contains(QStringLiteral("more than %1 redirects").arg(FileDownload::maxRedirects)), qPrintable(result.error));
    }

    // A file of unpublished size (the BIC map) is taken whole, as announced.
    void unpublishedSize()
    {
        const FileDownload::Result result = run(fileUrl(), -1);
        QVERIFY2(result.outcome == FileDownload::Outcome::Done, qPrintable(result.error));
        QCOMPARE(contents(m_target), m_bytes);
    }

    // The fake's metadata reads as GLEIF's does, and its URLs lead to the registered bytes.
    void theFakesMetadataAndFiles()
    {
        m_fake->addPublishedFile({ QStringLiteral("lei2"), QStringLiteral("LastWeek"), QByteArray(700, 'w'), {}, 7, -1 });
        m_fake->addPublishedFile({ QStringLiteral("rr"), {}, QByteArray(100, 'r'), {}, 1, 12345 }); // a wrong size
        m_fake->addPublishedFile({ QStringLiteral("repex"), {}, QByteArray(100, 'x'), {}, 1, -1 });
        m_fake->addPublishedFile({ QStringLiteral("bic-map"), {}, QByteArray(300, 'b'), {}, 3, -1 });
        Answer answer = metadata(GoldenCopy::latestUrl(m_fake->goldenCopyBaseUrl()));
        QVERIFY2(answer.error.isEmpty(), qPrintable(answer.error));
        QString error;
        const auto latest = GoldenCopy::parseLatest(answer.body, m_fake->goldenCopyBaseUrl(), &error);
        QVERIFY2(latest, qPrintable(error));
        QCOMPARE(latest->publishDate, QDateTime(QDate(2026, 9, 30), QTime(8, 0), Qt::UTC));
        const GoldenCopy::TypeInfo lei2 = latest->types.value(GoldenCopy::FileType::Lei2);
        QCOMPARE(lei2.full.size, m_bytes.size());
        QCOMPARE(lei2.full.recordCount, 10);
        QCOMPARE(lei2.deltas.keys(), QList<GoldenCopy::Delta> { GoldenCopy::Delta::LastWeek });
        QCOMPARE(latest->types.value(GoldenCopy::FileType::Rr).full.size, 12345);
        QVERIFY(latest->types.value(GoldenCopy::FileType::Repex).deltas.isEmpty());

        answer = metadata(GoldenCopy::typeLatestUrl(m_fake->goldenCopyBaseUrl(), GoldenCopy::FileType::Lei2));
        const auto type = GoldenCopy::parseTypeLatest(answer.body, m_fake->goldenCopyBaseUrl(), &error);
        QVERIFY2(type, qPrintable(error));
        QCOMPARE(type->deltas.value(GoldenCopy::Delta::LastWeek).size, 700);

        FileDownload::Result result = run(lei2.deltas.value(GoldenCopy::Delta::LastWeek).url, 700);
        QVERIFY2(result.outcome == FileDownload::Outcome::Done, qPrintable(result.error));
        QCOMPARE(contents(m_target), QByteArray(700, 'w'));
        QVERIFY(m_fake->storageLog().last().path.endsWith(QStringLiteral("-gleif-goldencopy-lei2-last-week.csv.zip")));

        answer = metadata(GoldenCopy::mappingLatestUrl(m_fake->mappingBaseUrl()));
        const auto map = GoldenCopy::parseMappingLatest(answer.body, m_fake->mappingBaseUrl(), &error);
        QVERIFY2(map, qPrintable(error));
        QCOMPARE(map->fileName, QStringLiteral("LEI-BIC-20260901.zip"));
        QCOMPARE(map->uploadedAt, QDateTime(QDate(2026, 9, 1), QTime(0, 0), Qt::UTC));
        result = run(map->url, -1);
        QVERIFY2(result.outcome == FileDownload::Outcome::Done, qPrintable(result.error));
        QCOMPARE(contents(m_target), QByteArray(300, 'b'));
    }

    void metadataErrors()
    {
        Answer answer = metadata(QUrl(m_fake->goldenCopyBaseUrl().toString() + QStringLiteral("/golden-copies/nothing")));
        QVERIFY2(answer.error.contains(QStringLiteral("HTTP 404")), qPrintable(answer.error));
        m_fake->clearPublishedFiles();
        answer = metadata(GoldenCopy::mappingLatestUrl(m_fake->mappingBaseUrl()));
        QVERIFY2(answer.error.contains(QStringLiteral("bic-lei/latest: HTTP 404")), qPrintable(answer.error));

        FakeGleif::Options options;
        options.hugeBodyBytes = 3 << 20;
        m_fake->setOptions(options);
        answer = metadata(QUrl(m_fake->baseUrl().toString() + QStringLiteral("/lei-records")));
        QVERIFY2(answer.error.contains(QStringLiteral("larger than 1048576 bytes")), qPrintable(answer.error));
        QVERIFY(answer.body.isEmpty());
    }

    // GLEIF's metadata host sends the file from its storage, another host: followed.
    void followsARedirectToAnotherHost()
    {
        QUrl url = fileUrl();
        url.setHost(QStringLiteral("localhost")); // the storage redirect names 127.0.0.1
        const FileDownload::Result result = run(url, m_bytes.size());
        QVERIFY2(result.outcome == FileDownload::Outcome::Done, qPrintable(result.error));
        QCOMPARE(contents(m_target), m_bytes);
    }

    // The rules of lookups: TLS trusted through the CA bundle only, never a certificate error
    // ignored; and from https, no redirect down to plain http.
    void tlsRules()
    {
        TlsFront tls(m_fake->port());
        QVERIFY2(tls.listen(), qPrintable(tls.errorString()));
        QUrl url = fileUrl();
        url.setScheme(QStringLiteral("https"));
        url.setPort(tls.port());

        FileDownload::Result result = run(url, m_bytes.size()); // the test CA is unknown
        QCOMPARE(result.outcome, FileDownload::Outcome::Failed);
        QVERIFY2(result.error.contains(QStringLiteral(": TLS: ")), qPrintable(result.error));
        QVERIFY(m_fake->storageLog().isEmpty());
        QVERIFY(!QFile::exists(FileDownload::partPath(m_target)));

        GleifSettings s = settings();
        s.caBundlePath = TlsFront::caPath();
        FileDownload download(s);
        result = run(download, url, m_bytes.size()); // trusted now; the 302 names http://
        QCOMPARE(result.outcome, FileDownload::Outcome::Failed);
        QVERIFY2(result.error.contains(QStringLiteral("not https (refused)")), qPrintable(result.error));
        QVERIFY(tls.handshakesCompleted() >= 1);
        QVERIFY(m_fake->storageLog().isEmpty());
    }

    void throughTheProxy()
    {
        TestProxy proxy;
        QVERIFY(proxy.listen());
        GleifSettings s = settings();
        s.proxy = QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"), proxy.port());
        QUrl url = fileUrl();
        url.setHost(QStringLiteral("goldencopy.test")); // only the proxy can reach it
        FileDownload download(s);
        const FileDownload::Result result = run(download, url, m_bytes.size());
        QVERIFY2(result.outcome == FileDownload::Outcome::Done, qPrintable(result.error));
        QCOMPARE(contents(m_target), m_bytes);
        QVERIFY(!proxy.targets().isEmpty());
        QVERIFY(proxy.targets().first().startsWith("http://goldencopy.test:"));
    }

    void aLinkInPlaceOfThePartIsNotFollowed()
    {
        const QString victim = m_dir->filePath(QStringLiteral("victim"));
        QFile v(victim);
        QVERIFY(v.open(QIODevice::WriteOnly));
        v.write("keep me");
        v.close();
        QVERIFY(QFile::link(victim, FileDownload::partPath(m_target)));
        const FileDownload::Result result = run(fileUrl(), m_bytes.size());
        QVERIFY2(result.outcome == FileDownload::Outcome::Done, qPrintable(result.error));
        QCOMPARE(contents(victim), QByteArray("keep me"));
        QCOMPARE(contents(m_target), m_bytes);
    }
};

QTEST_GUILESS_MAIN(DownloadTest)
#include "download_test.moc"
