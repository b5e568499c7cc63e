/**
 * The one FreeMarker renderer and the built-in templates, one per output file and named after
 * it. A user's --templates directory is searched first, matching by file name, which is why the templates stay
 * in one flat directory rather than beside their builders.
 */
package io.ikev2kit.templates;
