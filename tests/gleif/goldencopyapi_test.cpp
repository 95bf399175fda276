// The Golden Copy and mapping metadata (issue 13): parsing GLEIF's answers, refusing hostile
// ones with a message naming the field, and choosing full file, delta or nothing per type.
#include "goldencopyapi.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QTimeZone>

using namespace GoldenCopy;

namespace {

const QUrl base(QStringLiteral("https://goldencopy.gleif.org/api/v2"));
const QUrl mappingBase(QStringLiteral("https://mapping.gleif.org/api/v2"));

QDateTime utc(const QString &text)
{
    return parsePublishDate(text);
}

QJsonObject csvFile(const QString &name, double size = 1000, double records = 10)
{
    const QJsonObject csv {
        { QStringLiteral("type"), QStringLiteral("lei2") },
        { QStringLiteral("format"), QStringLiteral("csv") },
        { QStringLiteral("record_count"), records },
        { QStringLiteral("size"), size },
        { QStringLiteral("size_human_readable"), QStringLiteral("1 KB") },
        { QStringLiteral("url"), QString(QStringLiteral("https://goldencopy.gleif.org/storage/") + name + QStringLiteral(".csv.zip")) },
    };
    QJsonObject json = csv;
    json.insert(QStringLiteral("format"), QStringLiteral("json"));
    return { { QStringLiteral("csv"), csv }, { QStringLiteral("json"), json }, { QStringLiteral("xml"), json } };
}

QJsonObject typeObject(const QString &type)
{
    QJsonObject deltas;
    for (Delta d : allDeltas)
        deltas.insert(deltaName(d), csvFile(type + u'-' + deltaName(d), 100));
    return { { QStringLiteral("full_file"), csvFile(type + QStringLiteral("-full")) },
        { QStringLiteral("delta_files"), deltas } };
}

QJsonObject latestAnswer()
{
    return { { QStringLiteral("data"),
        QJsonObject { { QStringLiteral("publish_date"), QStringLiteral("2026-09-30 08:00:00") },
            { QStringLiteral("lei2"), typeObject(QStringLiteral("lei2")) },
            { QStringLiteral("rr"), typeObject(QStringLiteral("rr")) },
            { QStringLiteral("repex"), typeObject(QStringLiteral("repex")) } } } };
}

QByteArray bytes(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// Sets the value at a dotted path of `o` (objects created on the way), or removes it.
QJsonObject edited(QJsonObject o, const QStringList &path, const QJsonValue &value, bool remove = false)
{
    if (path.size() == 1) {
        if (remove)
            o.remove(path.first());
        else
            o.insert(path.first(), value);
        return o;
    }
    o.insert(path.first(), edited(o.value(path.first()).toObject(), path.mid(1), value, remove));
    return o;
}

// A publish of LEI2 only, at 2026-09-30 08:00 UTC, with the given deltas.
Publish publishWith(const QList<Delta> &deltas)
{
    Publish p;
    p.publishDate = utc(QStringLiteral("2026-09-30 08:00:00"));
    TypeInfo t;
    t.publishDate = p.publishDate;
    t.full = { QUrl(QStringLiteral("https://goldencopy.gleif.org/full")), 500, 5 };
    for (Delta d : deltas)
        t.deltas.insert(d, { QUrl(QStringLiteral("https://goldencopy.gleif.org/") + deltaName(d)), 10, 1 });
    p.types.insert(FileType::Lei2, t);
    return p;
}

} // namespace

class GoldenCopyApiTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesLatest()
    {
        QString error;
        const auto p = parseLatest(bytes(latestAnswer()), base, &error);
        QVERIFY2(p, qPrintable(error));
        QCOMPARE(p->publishDate, QDateTime(QDate(2026, 9, 30), QTime(8, 0), QTimeZone::utc()));
        QCOMPARE(p->types.size(), 3);
        const TypeInfo &rr = p->types.value(FileType::Rr);
        QCOMPARE(rr.publishDate, p->publishDate);
        QCOMPARE(rr.full.url, QUrl(QStringLiteral("https://goldencopy.gleif.org/storage/rr-full.csv.zip")));
        QCOMPARE(rr.full.size, 1000);
        QCOMPARE(rr.full.recordCount, 10);
        QCOMPARE(rr.deltas.size(), 4);
        QCOMPARE(rr.deltas.value(Delta::LastWeek).url,
                 QUrl(QStringLiteral("https://goldencopy.gleif.org/storage/rr-LastWeek.csv.zip")));
    }

    void parsesTypeLatest_data()
    {
        QTest::addColumn<QJsonValue>("deltaFiles");
        QTest::addColumn<int>("deltas");
        QTest::newRow("absent") << QJsonValue(QJsonValue::Undefined) << 0;
        QTest::newRow("empty array") << QJsonValue(QJsonArray()) << 0;
        QTest::newRow("empty object") << QJsonValue(QJsonObject()) << 0;
        QTest::newRow("null") << QJsonValue(QJsonValue::Null) << 0;
        QTest::newRow("two") << QJsonValue(QJsonObject { { QStringLiteral("LastDay"), csvFile(QStringLiteral("d")) },
                                                         { QStringLiteral("LastMonth"), csvFile(QStringLiteral("m")) } }) << 2;
    }
    void parsesTypeLatest()
    {
        QFETCH(QJsonValue, deltaFiles);
        QFETCH(int, deltas);
        QJsonObject data = typeObject(QStringLiteral("lei2"));
        data.insert(QStringLiteral("publish_date"), QStringLiteral("2026-09-30 16:00:00"));
        if (deltaFiles.isUndefined())
            data.remove(QStringLiteral("delta_files"));
        else
            data.insert(QStringLiteral("delta_files"), deltaFiles);
        QString error;
        const auto t = parseTypeLatest(bytes({ { QStringLiteral("data"), data } }), base, &error);
        QVERIFY2(t, qPrintable(error));
        QCOMPARE(t->publishDate, QDateTime(QDate(2026, 9, 30), QTime(16, 0), QTimeZone::utc()));
        QCOMPARE(t->deltas.size(), deltas);
    }

    void parsesMapping()
    {
        const QJsonObject answer { { QStringLiteral("data"), QJsonObject {
            { QStringLiteral("id"), QStringLiteral("abc") },
            { QStringLiteral("attributes"), QJsonObject {
                { QStringLiteral("fileName"), QStringLiteral("LEI-BIC-20260901.zip") },
                { QStringLiteral("uploadedAt"), QStringLiteral("2026-09-01T10:11:12.000Z") },
                { QStringLiteral("downloadLink"), QStringLiteral("https://mapping.gleif.org/api/v2/bic-lei/abc/download") } } } } } };
        QString error;
        const auto m = parseMappingLatest(bytes(answer), mappingBase, &error);
        QVERIFY2(m, qPrintable(error));
        QCOMPARE(m->fileName, QStringLiteral("LEI-BIC-20260901.zip"));
        QCOMPARE(m->uploadedAt, QDateTime(QDate(2026, 9, 1), QTime(10, 11, 12), QTimeZone::utc()));
        QCOMPARE(m->url.path(), QStringLiteral("/api/v2/bic-lei/abc/download"));

        // The same answer pointing elsewhere, or over plain http, is refused.
        for (const QString &link : { QStringLiteral("https://evil.example/x.zip"), QStringLiteral("http://mapping.gleif.org/x.zip"),
                                     QStringLiteral("file:///etc/passwd"), QStringLiteral("https://mapping.gleif.org:8443/x.zip") }) {
            const QJsonObject bad = edited(answer, { QStringLiteral("data"), QStringLiteral("attributes"), QStringLiteral("downloadLink") }, link);
            QVERIFY2(!parseMappingLatest(bytes(bad), mappingBase, &error), qPrintable(link));
            QVERIFY2(error.startsWith(QStringLiteral("data.attributes.downloadLink: ")), qPrintable(error));
        }
    }

    // Each hostile or broken answer is refused with the path of what is wrong; none crashes.
    void refusesHostileLatest_data()
    {
        QTest::addColumn<QByteArray>("answer");
        QTest::addColumn<QString>("errorStart");
        const QJsonObject good = latestAnswer();
        const auto at = [](const QString &dotted) { return dotted.split(u'.'); };
        const QString csv = QStringLiteral("data.lei2.full_file.csv.");
        QTest::newRow("not json") << QByteArray("<html>502</html>") << QStringLiteral("answer: ");
        QTest::newRow("array") << QByteArray("[1,2]") << QStringLiteral("answer: ");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("answer: ");
        QTest::newRow("no data") << bytes({ { QStringLiteral("meta"), 1 } }) << QStringLiteral("data: missing");
        QTest::newRow("data is a string") << bytes({ { QStringLiteral("data"), QStringLiteral("x") } }) << QStringLiteral("data: not an object");
        QTest::newRow("no publish date") << bytes(edited(good, at(QStringLiteral("data.publish_date")), {}, true)) << QStringLiteral("data.publish_date: missing");
        QTest::newRow("publish date a number") << bytes(edited(good, at(QStringLiteral("data.publish_date")), 5)) << QStringLiteral("data.publish_date: not a date");
        QTest::newRow("publish date nonsense") << bytes(edited(good, at(QStringLiteral("data.publish_date")), QStringLiteral("yesterday"))) << QStringLiteral("data.publish_date: not a date");
        QTest::newRow("no rr") << bytes(edited(good, at(QStringLiteral("data.rr")), {}, true)) << QStringLiteral("data.rr: missing");
        QTest::newRow("no full file") << bytes(edited(good, at(QStringLiteral("data.lei2.full_file")), {}, true)) << QStringLiteral("data.lei2.full_file: missing");
        QTest::newRow("full file an array") << bytes(edited(good, at(QStringLiteral("data.lei2.full_file")), QJsonArray { 1 })) << QStringLiteral("data.lei2.full_file: not an object");
        QTest::newRow("no csv") << bytes(edited(good, at(QStringLiteral("data.lei2.full_file.csv")), {}, true)) << QStringLiteral("data.lei2.full_file.csv: missing");
        QTest::newRow("size missing") << bytes(edited(good, at(csv + QStringLiteral("size")), {}, true)) << csv + QStringLiteral("size: missing");
        QTest::newRow("size text") << bytes(edited(good, at(csv + QStringLiteral("size")), QStringLiteral("big"))) << csv + QStringLiteral("size: not a whole number");
        QTest::newRow("size negative") << bytes(edited(good, at(csv + QStringLiteral("size")), -1)) << csv + QStringLiteral("size: not a whole number");
        QTest::newRow("size fraction") << bytes(edited(good, at(csv + QStringLiteral("size")), 1.5)) << csv + QStringLiteral("size: not a whole number");
        QTest::newRow("size huge") << bytes(edited(good, at(csv + QStringLiteral("size")), 1e300)) << csv + QStringLiteral("size: not a whole number");
        QTest::newRow("size 2^63") << bytes(edited(good, at(csv + QStringLiteral("size")), 9223372036854775807.0)) << csv + QStringLiteral("size: not a whole number");
        QTest::newRow("size long digits") << bytes(edited(good, at(csv + QStringLiteral("size")), QStringLiteral("99999999999999999999999"))) << csv + QStringLiteral("size: not a whole number");
        QTest::newRow("size zero") << bytes(edited(good, at(csv + QStringLiteral("size")), 0)) << csv + QStringLiteral("size: 0 bytes");
        QTest::newRow("size an object") << bytes(edited(good, at(csv + QStringLiteral("size")), QJsonObject())) << csv + QStringLiteral("size: not a whole number");
        QTest::newRow("records negative") << bytes(edited(good, at(csv + QStringLiteral("record_count")), -5)) << csv + QStringLiteral("record_count: not a whole number");
        QTest::newRow("url missing") << bytes(edited(good, at(csv + QStringLiteral("url")), {}, true)) << csv + QStringLiteral("url: missing");
        QTest::newRow("url a number") << bytes(edited(good, at(csv + QStringLiteral("url")), 7)) << csv + QStringLiteral("url: missing or not a text");
        QTest::newRow("url relative") << bytes(edited(good, at(csv + QStringLiteral("url")), QStringLiteral("/storage/x.zip"))) << csv + QStringLiteral("url: not a valid absolute URL");
        QTest::newRow("url plain http") << bytes(edited(good, at(csv + QStringLiteral("url")), QStringLiteral("http://goldencopy.gleif.org/x.zip"))) << csv + QStringLiteral("url: http://goldencopy.gleif.org/x.zip is not an https URL");
        QTest::newRow("url ftp") << bytes(edited(good, at(csv + QStringLiteral("url")), QStringLiteral("ftp://goldencopy.gleif.org/x.zip"))) << csv + QStringLiteral("url: ftp://");
        QTest::newRow("url other host") << bytes(edited(good, at(csv + QStringLiteral("url")), QStringLiteral("https://evil.example/x.zip"))) << csv + QStringLiteral("url: https://evil.example/x.zip is not on goldencopy.gleif.org");
        QTest::newRow("url lookalike host") << bytes(edited(good, at(csv + QStringLiteral("url")), QStringLiteral("https://goldencopy.gleif.org.evil.example/x.zip"))) << csv + QStringLiteral("url: ");
        QTest::newRow("delta broken") << bytes(edited(good, at(QStringLiteral("data.rr.delta_files.LastDay.csv.size")), QStringLiteral("x"))) << QStringLiteral("data.rr.delta_files.LastDay.csv.size: not a whole number");
        QTest::newRow("delta files a number") << bytes(edited(good, at(QStringLiteral("data.repex.delta_files")), 3)) << QStringLiteral("data.repex.delta_files: not an object");
        QTest::newRow("delta files a full array") << bytes(edited(good, at(QStringLiteral("data.repex.delta_files")), QJsonArray { 1 })) << QStringLiteral("data.repex.delta_files: not an object");
    }
    void refusesHostileLatest()
    {
        QFETCH(QByteArray, answer);
        QFETCH(QString, errorStart);
        QString error;
        QVERIFY(!parseLatest(answer, base, &error));
        QVERIFY2(error.startsWith(errorStart), qPrintable(error));
    }

    void plainHttpOnlyForAPlainHttpBase()
    {
        QJsonObject answer = edited(latestAnswer(), { QStringLiteral("data"), QStringLiteral("lei2"), QStringLiteral("full_file"), QStringLiteral("csv"), QStringLiteral("url") },
                                    QStringLiteral("http://127.0.0.1:8080/storage/x.zip"));
        for (const QString &type : { QStringLiteral("rr"), QStringLiteral("repex") })
            answer = edited(answer, { QStringLiteral("data"), type }, QJsonObject { { QStringLiteral("full_file"), csvFile(type) } });
        // csvFile() names https://goldencopy.gleif.org: other fields on the wrong host still fail.
        QString error;
        QVERIFY(!parseLatest(bytes(answer), QUrl(QStringLiteral("http://127.0.0.1:8080/api/v2")), &error));
        QVERIFY2(error.contains(QStringLiteral("not on 127.0.0.1")), qPrintable(error));
        QVERIFY(!parseLatest(bytes(answer), base, &error));
        QVERIFY2(error.contains(QStringLiteral("not an https URL")), qPrintable(error));
    }

    void parsesPublishDates_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDateTime>("expected");
        const QDateTime eight(QDate(2026, 9, 30), QTime(8, 0), QTimeZone::utc());
        QTest::newRow("gleif") << QStringLiteral("2026-09-30 08:00:00") << eight;
        QTest::newRow("iso Z") << QStringLiteral("2026-09-30T08:00:00Z") << eight;
        QTest::newRow("iso offset") << QStringLiteral("2026-09-30T10:00:00+02:00") << eight;
        QTest::newRow("iso ms") << QStringLiteral("2026-09-30T08:00:00.000Z") << eight;
        QTest::newRow("nonsense") << QStringLiteral("2026-13-40 99:00:00") << QDateTime();
        QTest::newRow("empty") << QString() << QDateTime();
    }
    void parsesPublishDates()
    {
        QFETCH(QString, text);
        QFETCH(QDateTime, expected);
        const QDateTime d = parsePublishDate(text);
        QCOMPARE(d.isValid(), expected.isValid());
        if (expected.isValid())
            QCOMPARE(d, expected);
    }

    // What is downloaded for LEI2, published 2026-09-30 08:00, by the mirror's publish date.
    void plans_data()
    {
        QTest::addColumn<QDateTime>("mirror");
        QTest::addColumn<QList<Delta>>("published");
        QTest::addColumn<QString>("expected"); // "", "full" or a delta's name
        const QDateTime latest = utc(QStringLiteral("2026-09-30 08:00:00"));
        const QList<Delta> all { std::begin(allDeltas), std::end(allDeltas) };
        QTest::newRow("no mirror") << QDateTime() << all << QStringLiteral("full");
        QTest::newRow("up to date") << latest << all << QString();
        QTest::newRow("newer than latest") << latest.addSecs(3600) << all << QString();
        QTest::newRow("one publish behind: IntraDay") << latest.addSecs(-8 * 3600) << all << QStringLiteral("IntraDay");
        QTest::newRow("1 s behind: IntraDay") << latest.addSecs(-1) << all << QStringLiteral("IntraDay");
        QTest::newRow("8 h 1 s behind: LastDay") << latest.addSecs(-8 * 3600 - 1) << all << QStringLiteral("LastDay");
        QTest::newRow("24 h behind: LastDay") << latest.addSecs(-24 * 3600) << all << QStringLiteral("LastDay");
        QTest::newRow("24 h 1 s behind: LastWeek") << latest.addSecs(-24 * 3600 - 1) << all << QStringLiteral("LastWeek");
        QTest::newRow("7 d behind: LastWeek") << latest.addDays(-7) << all << QStringLiteral("LastWeek");
        QTest::newRow("7 d 1 s behind: LastMonth") << latest.addDays(-7).addSecs(-1) << all << QStringLiteral("LastMonth");
        QTest::newRow("31 d behind: LastMonth") << latest.addDays(-31) << all << QStringLiteral("LastMonth");
        QTest::newRow("31 d 1 s behind: full") << latest.addDays(-31).addSecs(-1) << all << QStringLiteral("full");
        QTest::newRow("a year behind: full") << latest.addYears(-1) << all << QStringLiteral("full");
        QTest::newRow("no IntraDay published: LastDay") << latest.addSecs(-8 * 3600) << QList<Delta> { Delta::LastDay, Delta::LastMonth } << QStringLiteral("LastDay");
        QTest::newRow("only LastMonth published") << latest.addSecs(-3600) << QList<Delta> { Delta::LastMonth } << QStringLiteral("LastMonth");
        QTest::newRow("no deltas published: full") << latest.addSecs(-3600) << QList<Delta> {} << QStringLiteral("full");
        QTest::newRow("the covering one missing: full") << latest.addDays(-20) << QList<Delta> { Delta::IntraDay, Delta::LastDay, Delta::LastWeek } << QStringLiteral("full");
    }
    void plans()
    {
        QFETCH(QDateTime, mirror);
        QFETCH(QList<Delta>, published);
        QFETCH(QString, expected);
        const Publish latest = publishWith(published);
        const QList<Download> downloads = plan({ { FileType::Lei2, mirror } }, latest, std::nullopt);
        if (expected.isEmpty()) {
            QVERIFY(downloads.isEmpty());
            return;
        }
        QCOMPARE(downloads.size(), 1);
        const Download &d = downloads.first();
        QCOMPARE(d.type, FileType::Lei2);
        QCOMPARE(d.publishDate, latest.publishDate);
        if (expected == u"full") {
            QCOMPARE(d.kind, Download::Kind::Full);
            QCOMPARE(d.file.url, latest.types.value(FileType::Lei2).full.url);
        } else {
            QCOMPARE(d.kind, Download::Kind::Delta);
            QCOMPARE(deltaName(d.delta), expected);
            QCOMPARE(d.file.url, latest.types.value(FileType::Lei2).deltas.value(d.delta).url);
        }
    }

    // Each type is judged by its own date; the BIC map when the mapping API's is newer.
    void plansEachTypeAndTheMap_data()
    {
        QTest::addColumn<QDateTime>("bicMap");
        QTest::addColumn<bool>("mapExpected");
        const QDateTime uploaded = utc(QStringLiteral("2026-09-01 00:00:00"));
        QTest::newRow("no map") << QDateTime() << true;
        QTest::newRow("older map") << uploaded.addSecs(-1) << true;
        QTest::newRow("same map") << uploaded << false;
        QTest::newRow("newer map") << uploaded.addDays(1) << false;
    }
    void plansEachTypeAndTheMap()
    {
        QFETCH(QDateTime, bicMap);
        QFETCH(bool, mapExpected);
        QString error;
        const auto latest = parseLatest(bytes(latestAnswer()), base, &error);
        QVERIFY2(latest, qPrintable(error));
        const MappingFile map { QStringLiteral("LEI-BIC-20260901.zip"), utc(QStringLiteral("2026-09-01 00:00:00")),
                                QUrl(QStringLiteral("https://mapping.gleif.org/api/v2/bic-lei/1/download")) };
        const MirrorDates mirror { { FileType::Lei2, latest->publishDate.addDays(-2) },
                                   { FileType::Rr, latest->publishDate },
                                   { FileType::BicMap, bicMap } }; // no repex
        const QList<Download> downloads = plan(mirror, *latest, map);
        QCOMPARE(downloads.size(), mapExpected ? 3 : 2);
        QCOMPARE(downloads[0].type, FileType::Lei2);
        QCOMPARE(downloads[0].kind, Download::Kind::Delta);
        QCOMPARE(downloads[0].delta, Delta::LastWeek);
        QCOMPARE(downloads[1].type, FileType::Repex);
        QCOMPARE(downloads[1].kind, Download::Kind::Full);
        QCOMPARE(downloads[1].file.size, 1000);
        if (mapExpected) {
            QCOMPARE(downloads[2].kind, Download::Kind::BicMap);
            QCOMPARE(downloads[2].file.url, map.url);
            QCOMPARE(downloads[2].file.size, -1);
            QCOMPARE(downloads[2].publishDate, map.uploadedAt);
        }
    }

    void localNamesAreOurOwn()
    {
        Download d;
        d.type = FileType::Rr;
        d.kind = Download::Kind::Delta;
        d.delta = Delta::LastWeek;
        d.publishDate = utc(QStringLiteral("2026-09-30 16:00:00"));
        d.file.url = QUrl(QStringLiteral("https://goldencopy.gleif.org/../../etc/passwd"));
        QCOMPARE(localFileName(d), QStringLiteral("20260930-1600-gleif-goldencopy-rr-last-week.csv.zip"));
        d.type = FileType::Lei2;
        d.kind = Download::Kind::Full;
        QCOMPARE(localFileName(d), QStringLiteral("20260930-1600-gleif-goldencopy-lei2-golden-copy.csv.zip"));
        d.type = FileType::BicMap;
        d.kind = Download::Kind::BicMap;
        QCOMPARE(localFileName(d), QStringLiteral("LEI-BIC-20260930.zip"));
    }

    void metadataUrls()
    {
        QCOMPARE(latestUrl(base).toString(), QStringLiteral("https://goldencopy.gleif.org/api/v2/golden-copies/publishes/latest"));
        QCOMPARE(latestUrl(QUrl(QStringLiteral("http://127.0.0.1:9/gc/"))).toString(), QStringLiteral("http://127.0.0.1:9/gc/golden-copies/publishes/latest"));
        QCOMPARE(typeLatestUrl(base, FileType::Repex).toString(), QStringLiteral("https://goldencopy.gleif.org/api/v2/golden-copies/publishes/repex/latest"));
        QCOMPARE(mappingLatestUrl(mappingBase).toString(), QStringLiteral("https://mapping.gleif.org/api/v2/bic-lei/latest"));
    }
};

QTEST_GUILESS_MAIN(GoldenCopyApiTest)
#include "goldencopyapi_test.moc"
