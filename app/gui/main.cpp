#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("LEI Enricher"));
    QApplication::setOrganizationDomain(QStringLiteral("lei-enricher.org"));
    QApplication::setApplicationName(QStringLiteral("LEI Enricher"));
    QApplication::setApplicationVersion(QStringLiteral(LEI_VERSION));
    QGuiApplication::setDesktopFileName(QStringLiteral("org.leienricher.LeiEnricher"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/org.leienricher.LeiEnricher.png")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Enrich transaction CSVs with GLEIF LEI data."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("file"), QApplication::translate("main", "CSV file to open"));
    parser.process(app);

    MainWindow window;
    window.show();
    if (!parser.positionalArguments().isEmpty())
        window.openFile(parser.positionalArguments().first());
    return app.exec();
}
