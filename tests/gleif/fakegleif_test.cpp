// The local GLEIF must behave like the real one (docs/gleif-api.md), or the client's tests
// prove nothing. These check it directly, over HTTP, without the client.
#include "fakegleif.h"
#include "gleifrecord.h"
#include "lei.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

class FakeGleifTest final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void syntheticLeisAreValid();
    void defaultPageSizeIs15();
    void pageSizeOver200IsRejected_data();
    void pageSizeOver200IsRejected();
    void unknownLeisAreAbsent();
    void noMatchGivesEmptyData();
    void recordsComeInItsOwnOrder();
    void singleRecord();
    void singleRecordNotFoundIs404();
    void rateLimitAnswers429WithRetryAfter();
    void everyKthRequestFails();
    void truncatedBodyForChosenLeis();
    void scriptedAnswersComeFirst();
    void statsEndpoint();
    // Hostile modes (issue 11).
    void endlessPagesClaimAMillionPages();
    void hugeBodyIsStreamed_data();
    void hugeBodyIsStreamed();
    void trickleSendsByteByByte();
    void redirectsToAnotherOrigin();
    void listensOnAnotherLoopbackAddress();
    // Parents and reporting exceptions (issue 12).
    void parentEndpointsAgreeWithRecordLinks_data();
    void parentEndpointsAgreeWithRecordLinks();
    void loadedRecordsHaveNoParents();
    void parentRequestsCountLikeLookups();
    // Name and BIC searches (issue 14).
    void searches_data();
    void searches();

private:
    struct Answer
    {
        int status = 0;
        QJsonObject json;
        QByteArray body;
        QByteArray retryAfter;
        QByteArray location;
        QVariant contentLength;
    };
    Answer get(const QString &pathAndQuery);

    QNetworkAccessManager m_nam;
    FakeGleif *m_fake = nullptr;
};

FakeGleifTest::Answer FakeGleifTest::get(const QString &pathAndQuery)
{
    const QUrl url
        = QUrl(m_fake->baseUrl().toString() + pathAndQuery).adjusted(QUrl::NormalizePathSegments);
    QNetworkRequest request(url);
    request.setRawHeader("Accept", "application/vnd.api+json");
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply *reply = m_nam.get(request);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        [&] { QVERIFY(finished.wait(30000)); }();
    Answer answer;
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    answer.body = reply->readAll();
    answer.json = QJsonDocument::fromJson(answer.body).object();
    answer.retryAfter = reply->rawHeader("Retry-After");
    answer.location = reply->rawHeader("Location");
    answer.contentLength = reply->header(QNetworkRequest::ContentLengthHeader);
    reply->deleteLater();
    return answer;
}

static QStringList synthetic(int from, int count)
{
    QStringList leis;
    for (int i = from; i < from + count; ++i)
        leis.append(FakeGleif::syntheticLei(i));
    return leis;
}

void FakeGleifTest::syntheticLeisAreValid()
{
    for (int i : { 0, 1, 99, 123456 })
        QVERIFY2(Lei::isValid(FakeGleif::syntheticLei(i)), qPrintable(FakeGleif::syntheticLei(i)));
    QVERIFY(FakeGleif::syntheticRecord(FakeGleif::syntheticHasNullBic(3) ? 3 : 8)
                .value(u"attributes")
                .toObject()
                .value(u"bic")
                .isNull());
    QVERIFY(FakeGleif::syntheticRecord(5)
                .value(u"attributes")
                .toObject()
                .value(u"entity")
                .toObject()
                .value(u"legalName")
                .toObject()
                .value(u"name")
                .isNull());
}

void FakeGleifTest::defaultPageSizeIs15()
{
    FakeGleif::Options options;
    options.syntheticEntities = 40;
    FakeGleif fake(options);
    QVERIFY(fake.listen());
    m_fake = &fake;
    // The trap of docs/gleif-api.md: no page[size], 40 asked, 15 answered.
    const Answer answer
        = get(QStringLiteral("/lei-records?filter[lei]=") + synthetic(0, 40).join(u','));
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.json.value(u"data").toArray().size(), 15);
    const QJsonObject pagination
        = answer.json.value(u"meta").toObject().value(u"pagination").toObject();
    QCOMPARE(pagination.value(u"total").toInt(), 40);
    QCOMPARE(pagination.value(u"perPage").toInt(), 15);
    QCOMPARE(pagination.value(u"currentPage").toInt(), 1);
    QCOMPARE(pagination.value(u"lastPage").toInt(), 3);
    QCOMPARE(pagination.value(u"from").toInt(), 1);
    QCOMPARE(pagination.value(u"to").toInt(), 15);
    const QJsonObject links = answer.json.value(u"links").toObject();
    QVERIFY(links.value(u"next").toString().contains(QLatin1String("page[number]=2")));
    QVERIFY(links.value(u"last").toString().contains(QLatin1String("page[number]=3")));
    QVERIFY(!answer.json.value(u"meta").toObject().value(u"goldenCopy").toObject().isEmpty());

    // The three pages together hold each of the 40 exactly once.
    QSet<QString> seen;
    for (int page = 1; page <= 3; ++page) {
        const Answer p
            = get(QStringLiteral("/lei-records?filter[lei]=") + synthetic(0, 40).join(u',')
                + QStringLiteral("&page[number]=") + QString::number(page));
        for (const QJsonValue &r : p.json.value(u"data").toArray())
            seen.insert(r.toObject().value(u"id").toString());
    }
    QCOMPARE(seen.size(), 40);
    m_fake = nullptr;
}

void FakeGleifTest::pageSizeOver200IsRejected_data()
{
    QTest::addColumn<QString>("size");
    QTest::addColumn<int>("status");
    QTest::newRow("200") << QStringLiteral("200") << 200;
    QTest::newRow("201") << QStringLiteral("201") << 400;
    QTest::newRow("0") << QStringLiteral("0") << 400;
    QTest::newRow("words") << QStringLiteral("many") << 400;
}

void FakeGleifTest::pageSizeOver200IsRejected()
{
    QFETCH(QString, size);
    QFETCH(int, status);
    FakeGleif fake;
    QVERIFY(fake.listen());
    m_fake = &fake;
    const Answer answer
        = get(QStringLiteral("/lei-records?filter[lei]=XKZZ2JZF41MRHTR1V493&page[size]=") + size);
    QCOMPARE(answer.status, status);
    if (status == 400) {
        const QJsonObject error = answer.json.value(u"errors").toArray().first().toObject();
        QCOMPARE(error.value(u"status").toString(), QStringLiteral("400"));
        QCOMPARE(error.value(u"source").toObject().value(u"parameter").toString(),
            QStringLiteral("page[size]"));
    }
    m_fake = nullptr;
}

void FakeGleifTest::unknownLeisAreAbsent()
{
    FakeGleif fake;
    QVERIFY(fake.listen());
    m_fake = &fake;
    const QString unknown = FakeGleif::syntheticLei(5); // valid, but no synthetic entities served
    const Answer answer
        = get(QStringLiteral("/lei-records?page[size]=10&filter[lei]=XKZZ2JZF41MRHTR1V493,")
            + unknown + QStringLiteral(",851WYGNLUQLFZBSYGB56"));
    QCOMPARE(answer.status, 200);
    const QJsonArray data = answer.json.value(u"data").toArray();
    QCOMPARE(data.size(), 2);
    for (const QJsonValue &r : data)
        QVERIFY(r.toObject().value(u"id").toString() != unknown);
    QCOMPARE(answer.json.value(u"meta")
                 .toObject()
                 .value(u"pagination")
                 .toObject()
                 .value(u"total")
                 .toInt(),
        2);
    m_fake = nullptr;
}

void FakeGleifTest::noMatchGivesEmptyData()
{
    FakeGleif fake;
    QVERIFY(fake.listen());
    m_fake = &fake;
    const Answer answer = get(
        QStringLiteral("/lei-records?page[size]=10&filter[lei]=") + FakeGleif::syntheticLei(1));
    QCOMPARE(answer.status, 200);
    QVERIFY(answer.json.value(u"data").isArray());
    QCOMPARE(answer.json.value(u"data").toArray().size(), 0);
    QCOMPARE(answer.json.value(u"meta")
                 .toObject()
                 .value(u"pagination")
                 .toObject()
                 .value(u"total")
                 .toInt(),
        0);
    m_fake = nullptr;
}

void FakeGleifTest::recordsComeInItsOwnOrder()
{
    FakeGleif::Options options;
    options.syntheticEntities = 50;
    FakeGleif fake(options);
    QVERIFY(fake.listen());
    m_fake = &fake;
    const QStringList asked = synthetic(0, 50);
    const Answer answer
        = get(QStringLiteral("/lei-records?page[size]=50&filter[lei]=") + asked.join(u','));
    QStringList answered;
    for (const QJsonValue &r : answer.json.value(u"data").toArray())
        answered.append(r.toObject().value(u"attributes").toObject().value(u"lei").toString());
    QCOMPARE(answered.size(), 50);
    QVERIFY(answered != asked);
    QStringList reversed(asked.crbegin(), asked.crend());
    QVERIFY(answered != reversed);
    m_fake = nullptr;
}

void FakeGleifTest::singleRecord()
{
    FakeGleif fake;
    QVERIFY(fake.listen());
    m_fake = &fake;
    const Answer answer = get(QStringLiteral("/lei-records/BFXS5XCH7N0Y05NIXW11"));
    QCOMPARE(answer.status, 200);
    QVERIFY(answer.json.value(u"data").isObject()); // not an array, unlike the list
    QCOMPARE(answer.json.value(u"data")
                 .toObject()
                 .value(u"attributes")
                 .toObject()
                 .value(u"bic")
                 .toArray()
                 .size(),
        6);
    m_fake = nullptr;
}

void FakeGleifTest::singleRecordNotFoundIs404()
{
    FakeGleif fake;
    QVERIFY(fake.listen());
    m_fake = &fake;
    const Answer answer = get(QStringLiteral("/lei-records/") + FakeGleif::syntheticLei(9));
    QCOMPARE(answer.status, 404);
    QCOMPARE(answer.json.value(u"errors").toArray().first().toObject().value(u"status").toString(),
        QStringLiteral("404"));
    m_fake = nullptr;
}

void FakeGleifTest::rateLimitAnswers429WithRetryAfter()
{
    FakeGleif::Options options;
    options.rateLimit = 2;
    options.windowMs = 1500;
    FakeGleif fake(options);
    qint64 nowMs = 0; // the fake's clock, moved by hand: the test does not depend on speed
    fake.setClock([&nowMs] { return nowMs; });
    QVERIFY(fake.listen());
    m_fake = &fake;
    const QString path
        = QStringLiteral("/lei-records?page[size]=1&filter[lei]=XKZZ2JZF41MRHTR1V493");
    QCOMPARE(get(path).status, 200);
    nowMs = 100;
    QCOMPARE(get(path).status, 200);
    nowMs = 400;
    const Answer refused = get(path);
    QCOMPARE(refused.status, 429);
    QCOMPARE(refused.retryAfter, QByteArray("2")); // free at 1.6 s, 1.2 s away: rounded up
    QCOMPARE(fake.stats().tooManyRequests, 1);
    QCOMPARE(fake.stats().requests, 3);
    QCOMPARE(fake.arrivals(), (QVector<qint64> { 0, 100, 400 }));
    nowMs = 1550; // 0 has left the window; 100 and 400 (refused, but counted) have not
    QCOMPARE(get(path).status, 429);
    nowMs = 1550 + 1500; // everything before has left the window
    QCOMPARE(get(path).status, 200);
    m_fake = nullptr;
}

void FakeGleifTest::everyKthRequestFails()
{
    FakeGleif::Options options;
    options.serverErrorEvery = 3;
    FakeGleif fake(options);
    QVERIFY(fake.listen());
    m_fake = &fake;
    QList<int> statuses;
    for (int i = 0; i < 6; ++i)
        statuses.append(get(QStringLiteral("/lei-records/XKZZ2JZF41MRHTR1V493")).status);
    QCOMPARE(statuses, (QList<int> { 200, 200, 503, 200, 200, 503 }));
    QCOMPARE(fake.stats().serverErrors, 2);
    m_fake = nullptr;
}

void FakeGleifTest::truncatedBodyForChosenLeis()
{
    FakeGleif::Options options;
    options.truncateLeis = QStringList { QStringLiteral("851WYGNLUQLFZBSYGB56") };
    FakeGleif fake(options);
    QVERIFY(fake.listen());
    m_fake = &fake;
    const Answer cut = get(QStringLiteral(
        "/lei-records?page[size]=2&filter[lei]=XKZZ2JZF41MRHTR1V493,851WYGNLUQLFZBSYGB56"));
    QCOMPARE(cut.status, 200);
    QJsonParseError error;
    QJsonDocument::fromJson(cut.body, &error);
    QVERIFY(error.error != QJsonParseError::NoError);
    const Answer whole
        = get(QStringLiteral("/lei-records?page[size]=2&filter[lei]=XKZZ2JZF41MRHTR1V493"));
    QCOMPARE(whole.json.value(u"data").toArray().size(), 1);
    QCOMPARE(fake.stats().truncated, 1);
    m_fake = nullptr;
}

void FakeGleifTest::scriptedAnswersComeFirst()
{
    FakeGleif fake;
    QVERIFY(fake.listen());
    m_fake = &fake;
    FakeGleif::Scripted s;
    s.status = 502;
    fake.enqueue(s);
    const QString path = QStringLiteral("/lei-records/XKZZ2JZF41MRHTR1V493");
    QCOMPARE(get(path).status, 502);
    QCOMPARE(get(path).status, 200);
    QCOMPARE(fake.log().size(), 2);
    QCOMPARE(fake.log().at(0).status, 502);
    QCOMPARE(fake.log().at(1).leis, QStringList { QStringLiteral("XKZZ2JZF41MRHTR1V493") });
    m_fake = nullptr;
}

void FakeGleifTest::statsEndpoint()
{
    FakeGleif fake;
    QVERIFY(fake.listen());
    m_fake = &fake;
    get(QStringLiteral(
        "/lei-records?page[size]=2&filter[lei]=XKZZ2JZF41MRHTR1V493,851WYGNLUQLFZBSYGB56"));
    const Answer stats = get(QStringLiteral("/../../_fake/stats"));
    QCOMPARE(stats.json.value(u"requests").toInt(), 1);
    QCOMPARE(stats.json.value(u"leisAsked").toInt(), 2);
    QCOMPARE(FakeGleif::maxInAnyWindow({ 0, 10, 999, 1000, 1500, 1999 }, 1000), 3);
    m_fake = nullptr;
}

void FakeGleifTest::endlessPagesClaimAMillionPages()
{
    FakeGleif::Options options;
    options.endlessPages = true;
    FakeGleif fake(options);
    QVERIFY(fake.listen());
    m_fake = &fake;
    const QString path = QStringLiteral(
        "/lei-records?page[size]=2&filter[lei]=XKZZ2JZF41MRHTR1V493,851WYGNLUQLFZBSYGB56&page[number]=");
    for (int page : { 1, 2, 999999 }) {
        const Answer answer = get(path + QString::number(page));
        QCOMPARE(answer.status, 200);
        const QJsonObject pagination
            = answer.json.value(u"meta").toObject().value(u"pagination").toObject();
        QCOMPARE(pagination.value(u"lastPage").toInt(), FakeGleif::endlessLastPage);
        QCOMPARE(pagination.value(u"currentPage").toInt(), page);
        QCOMPARE(answer.json.value(u"data").toArray().size(), page == 1 ? 2 : 0);
    }
    m_fake = nullptr;
}

void FakeGleifTest::hugeBodyIsStreamed_data()
{
    QTest::addColumn<bool>("declared");
    QTest::newRow("with Content-Length") << true;
    QTest::newRow("without, ends at close") << false;
}

void FakeGleifTest::hugeBodyIsStreamed()
{
    QFETCH(bool, declared);
    const qint64 size = 5 * 1024 * 1024 + 3; // not a multiple of the fake's chunks
    FakeGleif::Options options;
    options.hugeBodyBytes = size;
    options.hugeBodyDeclared = declared;
    FakeGleif fake(options);
    QVERIFY(fake.listen());
    m_fake = &fake;
    const Answer answer
        = get(QStringLiteral("/lei-records?page[size]=1&filter[lei]=XKZZ2JZF41MRHTR1V493"));
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.body.size(), size);
    QCOMPARE(answer.contentLength.isValid(), declared);
    if (declared)
        QCOMPARE(answer.contentLength.toLongLong(), size);
    // Valid JSON: only its size can be held against it.
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(answer.body, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QVERIFY(doc.object().value(u"data").isArray());
    // Errors stay small: only 200 answers are blown up.
    QCOMPARE(get(QStringLiteral("/lei-records/") + FakeGleif::syntheticLei(1)).body.size() < 1000,
        true);
    m_fake = nullptr;
}

void FakeGleifTest::trickleSendsByteByByte()
{
    FakeGleif::Options options;
    options.trickleMs = 20;
    FakeGleif fake(options);
    QVERIFY(fake.listen());
    m_fake = &fake;
    FakeGleif::Scripted small;
    small.status = 200;
    small.body = R"({"data":[]})";
    fake.enqueue(small);
    QElapsedTimer clock;
    clock.start();
    const Answer answer = get(QStringLiteral("/lei-records?filter[lei]=XKZZ2JZF41MRHTR1V493"));
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.body, small.body); // whole, in the end
    // 11 bytes at one per 20 ms: a lower bound, which a busy machine only makes easier.
    QVERIFY2(clock.elapsed() >= 10 * 20, qPrintable(QString::number(clock.elapsed())));
    m_fake = nullptr;
}

void FakeGleifTest::redirectsToAnotherOrigin()
{
    FakeGleif::Options options;
    options.redirectTo = QUrl(QStringLiteral("http://127.0.0.2:8081/ignored?x=1"));
    FakeGleif fake(options);
    QVERIFY(fake.listen());
    m_fake = &fake;
    const QString target
        = QStringLiteral("/lei-records?page[size]=1&filter[lei]=XKZZ2JZF41MRHTR1V493");
    const Answer answer = get(target);
    QCOMPARE(answer.status, 302);
    // The same target at the other origin.
    QCOMPARE(answer.location, QByteArray("http://127.0.0.2:8081/api/v1") + target.toLatin1());
    QCOMPARE(fake.log().size(), 1);
    QCOMPARE(fake.log().first().status, 302);
    m_fake = nullptr;
}

void FakeGleifTest::listensOnAnotherLoopbackAddress()
{
    FakeGleif fake;
    QVERIFY2(fake.listen(0, QHostAddress(QStringLiteral("127.0.0.2"))), qPrintable(fake.errorString()));
    QCOMPARE(fake.baseUrl().host(), QStringLiteral("127.0.0.2"));
    QCOMPARE(fake.origin().port(), int(fake.port()));
    m_fake = &fake;
    QCOMPARE(get(QStringLiteral("/lei-records/XKZZ2JZF41MRHTR1V493")).status, 200);
    m_fake = nullptr;
}

void FakeGleifTest::parentEndpointsAgreeWithRecordLinks_data()
{
    // What each entity of a group of ten has (fakegleif.h): a parent's index, an exception
    // reason, or neither ("").
    QTest::addColumn<int>("index");
    QTest::addColumn<QString>("direct");
    QTest::addColumn<QString>("ultimate");
    const auto lei = [](int i) { return FakeGleif::syntheticLei(i); };
    QTest::newRow("head: neither") << 20 << QString() << QString();
    QTest::newRow("head is both") << 21 << lei(20) << lei(20);
    QTest::newRow("chain") << 22 << lei(21) << lei(20);
    QTest::newRow("head is both again") << 23 << lei(20) << lei(20);
    QTest::newRow("NON_CONSOLIDATING") << 24 << QStringLiteral("NON_CONSOLIDATING")
                                       << QStringLiteral("NON_CONSOLIDATING");
    QTest::newRow("NATURAL_PERSONS") << 25 << QStringLiteral("NATURAL_PERSONS")
                                     << QStringLiteral("NATURAL_PERSONS");
    QTest::newRow("direct exception only") << 26 << QStringLiteral("NON_PUBLIC") << QString();
    QTest::newRow("ultimate exception only") << 27 << QString() << QStringLiteral("NO_KNOWN_PERSON");
    QTest::newRow("neither (8)") << 28 << QString() << QString();
    QTest::newRow("neither (9)") << 29 << QString() << QString();
    QTest::newRow("parent without a name") << 41 << lei(40) << lei(40);
}

void FakeGleifTest::parentEndpointsAgreeWithRecordLinks()
{
    QFETCH(int, index);
    QFETCH(QString, direct);
    QFETCH(QString, ultimate);
    FakeGleif::Options options;
    options.syntheticEntities = 50;
    FakeGleif fake(options);
    QVERIFY(fake.listen());
    m_fake = &fake;
    const QString lei = FakeGleif::syntheticLei(index);
    const Answer single = get(QStringLiteral("/lei-records/") + lei);
    QCOMPARE(single.status, 200);
    const QJsonObject record = single.json.value(u"data").toObject();
    // A list answer serves the same record, links included.
    const Answer list = get(QStringLiteral("/lei-records?page[size]=1&filter[lei]=") + lei);
    QCOMPARE(list.json.value(u"data").toArray().first().toObject(), record);
    QVERIFY(record.value(u"relationships").toObject().contains(u"managing-lou"));
    GleifRecord parsed;
    QVERIFY(GleifRecord::fromJson(record, &parsed));

    const QString base = QStringLiteral("https://api.gleif.org/api/v1");
    for (const QString &kind : { QStringLiteral("direct"), QStringLiteral("ultimate") }) {
        const QString expected = kind == u"direct" ? direct : ultimate;
        const bool isParent = Lei::isValid(expected);
        const QString path = QStringLiteral("/lei-records/") + lei + u'/' + kind;
        const QJsonObject links = record.value(u"relationships")
                                      .toObject()
                                      .value(QString(kind + QStringLiteral("-parent")))
                                      .toObject()
                                      .value(u"links")
                                      .toObject();
        const GleifRecord::ParentLink link
            = kind == u"direct" ? parsed.directParent : parsed.ultimateParent;
        const Answer parent = get(path + QStringLiteral("-parent"));
        const Answer relationship = get(path + QStringLiteral("-parent-relationship"));
        const Answer exception = get(path + QStringLiteral("-parent-reporting-exception"));
        if (isParent) {
            QCOMPARE(link, GleifRecord::ParentLink::Reported);
            QCOMPARE(links.value(u"lei-record").toString(), base + path + QStringLiteral("-parent"));
            QCOMPARE(links.value(u"relationship-record").toString(),
                base + path + QStringLiteral("-parent-relationship"));
            QVERIFY(!links.contains(u"reporting-exception"));
            QCOMPARE(parent.status, 200);
            // The parent's own lei-record, exactly as served on its own.
            QCOMPARE(parent.json.value(u"data").toObject(), fake.record(expected));
            QCOMPARE(relationship.status, 200);
            const QJsonObject rel = relationship.json.value(u"data")
                                        .toObject()
                                        .value(u"attributes")
                                        .toObject()
                                        .value(u"relationship")
                                        .toObject();
            QCOMPARE(rel.value(u"startNode").toObject().value(u"id").toString(), lei);
            QCOMPARE(rel.value(u"endNode").toObject().value(u"id").toString(), expected);
            QCOMPARE(exception.status, 404);
        } else if (!expected.isEmpty()) {
            QCOMPARE(link, GleifRecord::ParentLink::Exception);
            QCOMPARE(links.value(u"reporting-exception").toString(),
                base + path + QStringLiteral("-parent-reporting-exception"));
            QVERIFY(!links.contains(u"lei-record"));
            QCOMPARE(exception.status, 200);
            const QJsonObject data = exception.json.value(u"data").toObject();
            QCOMPARE(data.value(u"type").toString(), QStringLiteral("reporting-exceptions"));
            const QJsonObject attributes = data.value(u"attributes").toObject();
            QCOMPARE(attributes.value(u"lei").toString(), lei);
            QCOMPARE(attributes.value(u"reason").toString(), expected);
            QCOMPARE(attributes.value(u"category").toString(),
                kind == u"direct" ? QStringLiteral("DIRECT_ACCOUNTING_CONSOLIDATION_PARENT")
                                  : QStringLiteral("ULTIMATE_ACCOUNTING_CONSOLIDATION_PARENT"));
            QVERIFY(attributes.contains(u"reference"));
            QCOMPARE(parent.status, 404);
            QCOMPARE(relationship.status, 404);
        } else {
            QCOMPARE(link, GleifRecord::ParentLink::Unknown);
            QVERIFY(links.isEmpty());
            QCOMPARE(parent.status, 404);
            QCOMPARE(relationship.status, 404);
            QCOMPARE(exception.status, 404);
        }
    }
    m_fake = nullptr;
}

void FakeGleifTest::loadedRecordsHaveNoParents()
{
    FakeGleif fake;
    QVERIFY(fake.listen());
    m_fake = &fake;
    const QString lei = QStringLiteral("XKZZ2JZF41MRHTR1V493");
    const QJsonObject relationships = fake.record(lei).value(u"relationships").toObject();
    QVERIFY(!relationships.contains(u"direct-parent"));
    QVERIFY(!relationships.contains(u"ultimate-parent"));
    for (const char *resource : { "direct-parent", "ultimate-parent",
             "direct-parent-reporting-exception", "ultimate-parent-reporting-exception" }) {
        const Answer answer = get(QStringLiteral("/lei-records/") + lei + u'/' + QLatin1String(resource));
        QCOMPARE(answer.status, 404);
        QCOMPARE(answer.json.value(u"errors").toArray().size(), 1);
    }
    // An unknown sub-resource is no route, and an unknown LEI has no parents.
    QCOMPARE(get(QStringLiteral("/lei-records/") + lei + QStringLiteral("/sister")).status, 404);
    QCOMPARE(get(QStringLiteral("/lei-records/") + FakeGleif::syntheticLei(1)
                 + QStringLiteral("/direct-parent"))
                 .status,
        404);
    m_fake = nullptr;
}

void FakeGleifTest::parentRequestsCountLikeLookups()
{
    FakeGleif::Options options;
    options.syntheticEntities = 10;
    options.rateLimit = 2;
    options.windowMs = 600000; // nothing leaves the window during the test
    FakeGleif fake(options);
    QVERIFY(fake.listen());
    m_fake = &fake;
    const QString lei = FakeGleif::syntheticLei(4);
    QCOMPARE(get(QStringLiteral("/lei-records/") + FakeGleif::syntheticLei(1)
                 + QStringLiteral("/direct-parent"))
                 .status,
        200);
    QCOMPARE(get(QStringLiteral("/lei-records/") + lei
                 + QStringLiteral("/direct-parent-reporting-exception"))
                 .status,
        200);
    const Answer refused
        = get(QStringLiteral("/lei-records/") + lei + QStringLiteral("/ultimate-parent-reporting-exception"));
    QCOMPARE(refused.status, 429);
    QVERIFY(!refused.retryAfter.isEmpty());
    QCOMPARE(fake.stats().requests, 3);
    QCOMPARE(fake.stats().tooManyRequests, 1);
    QCOMPARE(fake.stats().leisAsked, 3);
    QCOMPARE(fake.log().at(1).leis, QStringList { lei });
    m_fake = nullptr;
}

void FakeGleifTest::searches_data()
{
    QTest::addColumn<QString>("pathAndQuery");
    QTest::addColumn<int>("status");
    QTest::addColumn<QStringList>("leis"); // in the answer's order
    const QString hsbc = QStringLiteral("MP6I5ZYZBEU3UXPYFY54"), lloyds = QStringLiteral("213800MBWEIJDM5CU638"),
                  commerz = QStringLiteral("851WYGNLUQLFZBSYGB56");
    QTest::newRow("fuzzy: most words shared first") << QStringLiteral("/fuzzycompletions?field=entity.legalName&q=Lloyds%20Bank%20PLC")
                                                  << 200 << QStringList{lloyds, hsbc};
    QTest::newRow("fuzzy: a typo in a long word") << QStringLiteral("/fuzzycompletions?field=entity.legalName&q=Comerzbank")
                                                  << 200 << QStringList{commerz};
    QTest::newRow("fuzzy: nothing alike") << QStringLiteral("/fuzzycompletions?field=entity.legalName&q=Zebra") << 200 << QStringList{};
    QTest::newRow("fuzzy: no q") << QStringLiteral("/fuzzycompletions?field=entity.legalName") << 400 << QStringList{};
    QTest::newRow("legal name, any case") << QStringLiteral("/lei-records?filter[entity.legalName]=hsbc%20bank%20plc") << 200
                                          << QStringList{hsbc};
    QTest::newRow("legal name, not exact") << QStringLiteral("/lei-records?filter[entity.legalName]=HSBC%20BANK") << 200 << QStringList{};
    QTest::newRow("BIC") << QStringLiteral("/lei-records?filter[bic]=COBADEFFXXX") << 200 << QStringList{commerz};
}

void FakeGleifTest::searches()
{
    QFETCH(QString, pathAndQuery);
    QFETCH(int, status);
    QFETCH(QStringList, leis);
    FakeGleif fake;
    QVERIFY(fake.listen());
    m_fake = &fake;
    const Answer answer = get(pathAndQuery);
    QCOMPARE(answer.status, status);
    if (status != 200)
        return;
    QStringList got;
    for (const QJsonValue &v : answer.json.value(u"data").toArray()) {
        const QJsonObject item = v.toObject();
        if (item.value(u"type").toString() == u"fuzzycompletions") { // GLEIF's shape: the name, and the LEI as a relationship
            QVERIFY(!item.value(u"attributes").toObject().value(u"value").toString().isEmpty());
            got << item.value(u"relationships").toObject().value(u"lei-records").toObject().value(u"data").toObject().value(u"id").toString();
        } else {
            got << item.value(u"attributes").toObject().value(u"lei").toString();
        }
    }
    if (pathAndQuery.startsWith(u"/fuzzy") && !leis.isEmpty())
        QCOMPARE(got.mid(0, leis.size()), leis); // the best first; words like "bank" bring more after
    else
        QCOMPARE(got, leis);
    QCOMPARE(fake.searchRequests(), 1);
}

QTEST_GUILESS_MAIN(FakeGleifTest)
#include "fakegleif_test.moc"
