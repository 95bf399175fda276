#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

// Runs the built lei-enrich as a user would and checks exit codes, messages and that nothing
// is written when it refuses.
class CliTest final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void help();
    void refusals_data();
    void refusals();

private:
    QTemporaryDir m_dir;
};

void CliTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QFile::copy(QStringLiteral(LEI_RESOURCES_DIR "/sample_transactions.csv"), m_dir.filePath(QStringLiteral("sample.csv")));
    QFile nolei(m_dir.filePath(QStringLiteral("nolei.csv")));
    QVERIFY(nolei.open(QIODevice::WriteOnly));
    nolei.write("id,counterparty\n1,XKZZ2JZF41MRHTR1V493\n");
    nolei.close();
    QFile empty(m_dir.filePath(QStringLiteral("empty.csv")));
    QVERIFY(empty.open(QIODevice::WriteOnly));
    empty.close();
    QVERIFY(QDir(m_dir.path()).mkdir(QStringLiteral("adir")));
}

void CliTest::help()
{
    QProcess p;
    p.start(QStringLiteral(LEI_ENRICH_EXE), {QStringLiteral("--help")});
    QVERIFY(p.waitForFinished(10000));
    QCOMPARE(p.exitCode(), 0);
    const QString out = QString::fromUtf8(p.readAllStandardOutput());
    for (const char *option : {"--output", "--api-url", "--cache", "--ttl", "--offline", "--refresh", "--rules",
                               "--lei-column", "--delimiter", "--encoding", "--requests-per-minute",
                               "--batch-size", "--concurrency", "--timeout", "--report", "--quiet"})
        QVERIFY2(out.contains(QLatin1String(option)), option);
}

void CliTest::refusals_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    const QString sample = QStringLiteral("sample.csv");
    QTest::newRow("unknown option") << QStringList{QStringLiteral("--frobnicate"), sample} << 2 << QStringLiteral("frobnicate");
    QTest::newRow("no input") << QStringList{} << 2 << QStringLiteral("no input file");
    QTest::newRow("bad batch size") << QStringList{QStringLiteral("--batch-size"), QStringLiteral("500"), sample} << 2 << QStringLiteral("--batch-size");
    QTest::newRow("bad delimiter") << QStringList{QStringLiteral("--delimiter"), QStringLiteral("ab"), sample} << 2 << QStringLiteral("--delimiter");
    QTest::newRow("bad encoding") << QStringList{QStringLiteral("--encoding"), QStringLiteral("ebcdic"), sample} << 2 << QStringLiteral("--encoding");
    QTest::newRow("bad output suffix") << QStringList{QStringLiteral("-o"), QStringLiteral("out.txt"), sample} << 2 << QStringLiteral("out.txt");
    QTest::newRow("missing input") << QStringList{QStringLiteral("missing.csv")} << 3 << QStringLiteral("missing.csv: no such file");
    QTest::newRow("directory") << QStringList{QStringLiteral("adir")} << 3 << QStringLiteral("adir: is a directory");
    QTest::newRow("empty input") << QStringList{QStringLiteral("empty.csv")} << 3 << QStringLiteral("empty.csv: the file is empty");
    QTest::newRow("no LEI column") << QStringList{QStringLiteral("nolei.csv")} << 3 << QStringLiteral("no column named \"lei\"");
    QTest::newRow("named LEI column missing") << QStringList{QStringLiteral("--lei-column"), QStringLiteral("code"), sample} << 3 << QStringLiteral("no column named \"code\"");
    QTest::newRow("output is input") << QStringList{QStringLiteral("-o"), sample, sample} << 3 << QStringLiteral("overwrite the input");
    QTest::newRow("output folder missing") << QStringList{QStringLiteral("-o"), QStringLiteral("nowhere/out.csv"), sample} << 3 << QStringLiteral("folder does not exist");
}

void CliTest::refusals()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    const QStringList before = QDir(m_dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot);
    QProcess p;
    p.setWorkingDirectory(m_dir.path());
    p.start(QStringLiteral(LEI_ENRICH_EXE), args);
    QVERIFY(p.waitForFinished(10000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QVERIFY2(err.contains(message), qPrintable(err));
    QCOMPARE(err.trimmed().count(u'\n'), 0); // one line
    QCOMPARE(p.exitCode(), exitCode);
    QCOMPARE(QDir(m_dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), before);
}

QTEST_GUILESS_MAIN(CliTest)
#include "cli_test.moc"
