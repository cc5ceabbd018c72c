package io.colseal.boot.app;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/** {@link CustomerAppTests} on the embedded H2 database Boot configures when no URL is set. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class H2CustomerAppIT extends CustomerAppTests {}
