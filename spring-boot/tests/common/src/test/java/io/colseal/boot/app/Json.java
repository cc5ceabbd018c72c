package io.colseal.boot.app;

import java.util.Map;

/** A JSON response of the running application's web server: its status and its parsed body. */
record Json(int status, Map<String, Object> body) {}
