#pragma once

#include "csvfile.h"

#include <QFuture>
#include <QObject>

#include <atomic>
#include <memory>

// Indexes a CsvFile on a worker thread. The file is usable (header, first rows) as soon as
// open() returns; rowsAvailable() then reports the rows readable so far, at most every 50 ms.
// An .xlsx input (xlsxsheet.h) is converted: open() returns its first rows, and fileReplaced()
// brings the whole sheet just before finished().
class CsvLoader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CsvLoader)
public:
    explicit CsvLoader(QObject *parent = nullptr);
    ~CsvLoader() override;

    // Opens the file and starts indexing it. Returns null with `error` set when it cannot be read.
    std::shared_ptr<CsvFile> open(const QString &path, const CsvOptions &options, QString *error);
    void cancel();
    bool isRunning() const;
    // Blocks until indexing has ended (tests and the command line).
    void waitForFinished();

Q_SIGNALS:
    void rowsAvailable(qint64 rows, qint64 bytesDone, qint64 bytesTotal);
    void finished(bool complete);
    // An .xlsx input's whole sheet (or, when cancelled or damaged midway, the rows read so far),
    // in place of the first rows open() returned.
    void fileReplaced(std::shared_ptr<CsvFile> file);
    // An .xlsx input was found damaged after its first rows: why (one line naming the file).
    void failed(const QString &error);

private:
    std::shared_ptr<CsvFile> openWorkbook(const QString &path, const CsvOptions &options, QString *error);
    quint64 m_generation = 0; // which open() a workbook's late signals belong to
    std::shared_ptr<std::atomic_bool> m_cancel;
    QFuture<void> m_future;
};

// Counts the rows whose `column` does not hold a valid LEI (after normalising).
qint64 countInvalidLeis(const CsvFile &file, int column, const std::atomic_bool *cancel = nullptr);
