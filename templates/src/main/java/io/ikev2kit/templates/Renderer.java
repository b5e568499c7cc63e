package io.ikev2kit.templates;

import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateNotFoundException;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Renders the {@code .ftl} templates: one per output file, named after it ({@code swanctl.conf.ftl}).
 * A user's override directory, when given, is searched first, so any output can be customised by copying
 * one template.
 */
public final class Renderer {
    static final String BUILT_IN = "/io/ikev2kit/templates";

    private final Configuration configuration;

    private Renderer(Configuration configuration) {
        this.configuration = configuration;
    }

    public static Renderer builtIn() {
        return create(Optional.empty());
    }

    public static Renderer withOverrides(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new TemplateFailure("template override directory " + directory + " does not exist: "
                    + "create it and copy the templates to change into it");
        }
        return create(Optional.of(directory));
    }

    private static Renderer create(Optional<Path> overrides) {
        Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
        cfg.setDefaultEncoding("UTF-8");
        cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        cfg.setLogTemplateExceptions(false);
        cfg.setWrapUncheckedExceptions(true);
        cfg.setFallbackOnNullLoopVariable(false);
        cfg.setAPIBuiltinEnabled(false);
        cfg.setNewBuiltinClassResolver(freemarker.core.TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        cfg.setNumberFormat("computer");
        cfg.setBooleanFormat("c");
        // one parse per template per run: no locale variants to probe, no re-reading while a bulk export runs
        cfg.setLocalizedLookup(false);
        cfg.setTemplateUpdateDelayMilliseconds(Long.MAX_VALUE);
        TemplateLoader builtIn = new ClassTemplateLoader(Renderer.class, BUILT_IN);
        if (overrides.isPresent()) {
            try {
                cfg.setTemplateLoader(new MultiTemplateLoader(new TemplateLoader[] {
                        new FileTemplateLoader(overrides.get().toFile()), builtIn}));
            } catch (IOException e) {
                throw new TemplateFailure("cannot read template overrides in " + overrides.get() + ": " + e.getMessage());
            }
        } else {
            cfg.setTemplateLoader(builtIn);
        }
        return new Renderer(cfg);
    }

    /** Renders {@code name} (e.g. "swanctl.conf.ftl") with a flat model of strings, numbers, booleans and lists. */
    public String render(String name, Map<String, ?> model) {
        try {
            Template template = configuration.getTemplate(name);
            StringWriter out = new StringWriter();
            template.process(model, out);
            return out.toString();
        } catch (TemplateNotFoundException e) {
            throw new TemplateFailure("template " + name + " not found: it ships with ikev2kit, so an override "
                    + "directory must use the same file name");
        } catch (TemplateException e) {
            throw new TemplateFailure("template " + name + " failed at line " + e.getLineNumber() + ": "
                    + firstLine(e.getMessageWithoutStackTop()) + " — fix the template or remove the override");
        } catch (IOException e) {
            throw new TemplateFailure("template " + name + " cannot be read: " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
