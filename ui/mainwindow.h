#pragma once

#include <QMainWindow>

#include <memory>

class CsvFile;
class CsvLoader;
class CsvTableModel;
class QDockWidget;
class QLabel;
class QListWidget;
class QMenu;
class QProgressBar;
class QPushButton;
class QTableView;

class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens a CSV; errors are shown to the user. Returns false when the file cannot be read.
    bool openFile(const QString &path);

    CsvTableModel *tableModel() const { return m_model; }
    QTableView *tableView() const { return m_view; }
    bool isLoading() const;
    qint64 invalidLeiCount() const { return m_invalidLeis; }

Q_SIGNALS:
    // The file is indexed and its LEIs checked (tests and status updates wait on this).
    void fileReady();

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void openDialog();
    void onRowsAvailable(qint64 rows, qint64 bytesDone, qint64 bytesTotal);
    void onLoadFinished(bool complete);
    void chooseLeiColumn();
    void fitColumns();
    void countInvalidLeis();
    void updateStatus();
    void addRecentFile(const QString &path);
    void rebuildRecentMenu();
    void showProblems();

    CsvLoader *m_loader = nullptr;
    CsvTableModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    QMenu *m_recentMenu = nullptr;
    QLabel *m_statusLabel = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_cancelLoad = nullptr;
    QListWidget *m_problemsList = nullptr;
    QDockWidget *m_problemsDock = nullptr;
    qint64 m_invalidLeis = -1;
    quint64 m_generation = 0; // tells stale background results apart from the open file's
};
