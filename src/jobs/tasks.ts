// Every module that registers job tasks, for the worker threads to load (the app loads them anyway).
import '../imports/imports.commit';
import '../rounds/rounds.jobs';
import '../search-api/search.jobs';
import '../exports/exports.jobs';
