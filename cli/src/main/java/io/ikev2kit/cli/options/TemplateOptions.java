package io.ikev2kit.cli.options;

import io.ikev2kit.templates.Renderer;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Lets a user override any built-in template with a file of the same name. */
public final class TemplateOptions {
    @Option(names = "--templates", paramLabel = "DIR", description = "Use templates from DIR before the built-in ones.")
    Path templates;

    public Renderer renderer() {
        return templates == null ? Renderer.builtIn() : Renderer.withOverrides(templates);
    }
}
