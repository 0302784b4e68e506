/** The SQLite database's file name in DATA_DIR (here, so checking for it does not load libsql). */
export const SQLITE_FILE = 'oxytocin-bot.sqlite';
