#include "lei.h"

#include <QTest>

class LeiTest final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void check_data();
    void check();
    void normalise();
    void checkDigitsBuildValidLeis();
};

void LeiTest::check_data()
{
    QTest::addColumn<QString>("lei");
    QTest::addColumn<int>("expected");
    const int ok = int(Lei::Check::Ok);
    // The vectors from docs/gleif-api.md.
    for (const char *v : {"XKZZ2JZF41MRHTR1V493", "213800MBWEIJDM5CU638", "K6Q0W1PS1L1O4IQL9C32",
                          "MP6I5ZYZBEU3UXPYFY54", "4PQUHN3JPFGFNF3BB653", "BFXS5XCH7N0Y05NIXW11",
                          "851WYGNLUQLFZBSYGB56", "5493001KJTIIGC8Y1R12"})
        QTest::newRow(v) << QString::fromLatin1(v) << ok;
    QTest::newRow("check digit off by one") << QStringLiteral("BFXS5XCH7N0Y05NIXW12") << int(Lei::Check::CheckDigits);
    QTest::newRow("digits swapped") << QStringLiteral("XKZZ2JZF41MRHTR1V439") << int(Lei::Check::CheckDigits);
    QTest::newRow("character changed") << QStringLiteral("XKZZ2JZF41MRHTR1V494") << int(Lei::Check::CheckDigits);
    QTest::newRow("empty") << QString() << int(Lei::Check::Empty);
    QTest::newRow("19 chars") << QStringLiteral("XKZZ2JZF41MRHTR1V49") << int(Lei::Check::WrongLength);
    QTest::newRow("21 chars") << QStringLiteral("XKZZ2JZF41MRHTR1V4930") << int(Lei::Check::WrongLength);
    QTest::newRow("lower case not normalised") << QStringLiteral("xkzz2jzf41mrhtr1v493") << int(Lei::Check::BadCharacters);
    QTest::newRow("punctuation") << QStringLiteral("XKZZ2JZF41-MRHTR1V49") << int(Lei::Check::BadCharacters);
    QTest::newRow("letter in check digits") << QStringLiteral("XKZZ2JZF41MRHTR1V4A3") << int(Lei::Check::BadCharacters);
    QTest::newRow("non-ASCII digit") << QString::fromUtf8("XKZZ2JZF41MRHTR1V49\u0663") << int(Lei::Check::BadCharacters);
    QTest::newRow("all zeros") << QStringLiteral("00000000000000000000") << int(Lei::Check::CheckDigits);
}

void LeiTest::check()
{
    QFETCH(QString, lei);
    QFETCH(int, expected);
    QCOMPARE(int(Lei::check(lei)), expected);
    QCOMPARE(Lei::isValid(lei), expected == int(Lei::Check::Ok));
}

void LeiTest::normalise()
{
    QCOMPARE(Lei::normalise(u"  xkzz2jzf41mrhtr1v493\t"), QStringLiteral("XKZZ2JZF41MRHTR1V493"));
    QVERIFY(Lei::isValid(Lei::normalise(u" bfxs5xch7n0y05nixw11 ")));
    QCOMPARE(Lei::normalise(u""), QString());
}

void LeiTest::checkDigitsBuildValidLeis()
{
    // Recomputing the check digits of every known-valid LEI gives its own digits back.
    for (const char *v : {"XKZZ2JZF41MRHTR1V493", "213800MBWEIJDM5CU638", "5493001KJTIIGC8Y1R12"}) {
        const QString lei = QString::fromLatin1(v);
        QCOMPARE(Lei::checkDigits(QStringView(lei).left(18)), lei.right(2));
    }
    // And a generated one is valid while any single changed character breaks it.
    const QString body = QStringLiteral("529900ABCDEFGHIJ12");
    const QString lei = body + Lei::checkDigits(body);
    QVERIFY(Lei::isValid(lei));
    QString broken = lei;
    broken[7] = u'Z';
    QVERIFY(!Lei::isValid(broken));
    QCOMPARE(Lei::describe(Lei::Check::CheckDigits), QStringLiteral("check digits wrong"));
}

QTEST_GUILESS_MAIN(LeiTest)
#include "lei_test.moc"
