#include "fieldcatalogue.h"

#include <QTest>

// Fields::parse, as --fields and the saved setting use it: names in the order given, `all`,
// and a message naming the trouble for anything else.
class FieldCatalogueTest final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_data();
    void parse();
    void catalogueIsInEnumOrderWithUniqueNames();
};

void FieldCatalogueTest::parse_data()
{
    using Fields::Id;
    QTest::addColumn<QString>("list");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QVector<Fields::Id>>("ids");
    QTest::addColumn<QString>("error"); // a part of the message

    QTest::newRow("all") << QStringLiteral("all") << true << Fields::all() << QString();
    QTest::newRow("all with spaces") << QStringLiteral("  all ") << true << Fields::all() << QString();
    QTest::newRow("defaults") << QStringLiteral("legalName,bic,country") << true << Fields::defaults() << QString();
    QTest::newRow("order kept") << QStringLiteral("dataSource,legalName,nextRenewalDate") << true
                                << QVector<Id>{Id::DataSource, Id::LegalName, Id::NextRenewalDate} << QString();
    QTest::newRow("spaces around names") << QStringLiteral(" bic , country") << true << QVector<Id>{Id::Bic, Id::Country} << QString();
    QTest::newRow("one") << QStringLiteral("leiWarning") << true << QVector<Id>{Id::LeiWarning} << QString();
    QTest::newRow("parent field parses") << QStringLiteral("directParentLei") << true << QVector<Id>{Id::DirectParentLei} << QString();
    QTest::newRow("unknown") << QStringLiteral("legalName,lei") << false << QVector<Id>{}
                             << QStringLiteral("unknown field \"lei\" (valid: all, legalName, bic, country, hqCountry");
    QTest::newRow("case matters") << QStringLiteral("LegalName") << false << QVector<Id>{} << QStringLiteral("unknown field \"LegalName\"");
    QTest::newRow("all among names") << QStringLiteral("legalName,all") << false << QVector<Id>{} << QStringLiteral("unknown field \"all\"");
    QTest::newRow("twice") << QStringLiteral("bic,country,bic") << false << QVector<Id>{} << QStringLiteral("field \"bic\" is named twice");
    QTest::newRow("empty") << QString() << false << QVector<Id>{} << QStringLiteral("an empty field name");
    QTest::newRow("trailing comma") << QStringLiteral("bic,") << false << QVector<Id>{} << QStringLiteral("an empty field name in \"bic,\"");
}

void FieldCatalogueTest::parse()
{
    QFETCH(QString, list);
    QFETCH(bool, ok);
    QFETCH(QVector<Fields::Id>, ids);
    QFETCH(QString, error);
    QString why;
    const auto parsed = Fields::parse(list, &why);
    QCOMPARE(parsed.has_value(), ok);
    if (ok) {
        QCOMPARE(*parsed, ids);
        QVERIFY(why.isEmpty());
    } else {
        QVERIFY2(why.contains(error), qPrintable(why));
        QCOMPARE(why.count(u'\n'), 0); // one line
    }
}

void FieldCatalogueTest::catalogueIsInEnumOrderWithUniqueNames()
{
    QStringList names;
    for (int i = 0; i < Fields::catalogue().size(); ++i) {
        const Fields::Info &info = Fields::catalogue()[i];
        QCOMPARE(int(info.id), i);
        QVERIFY(!names.contains(QLatin1String(info.name)));
        names << QLatin1String(info.name);
        QCOMPARE(Fields::fromName(names.last()), std::optional<Fields::Id>(info.id));
    }
}

QTEST_GUILESS_MAIN(FieldCatalogueTest)
#include "fieldcatalogue_test.moc"
