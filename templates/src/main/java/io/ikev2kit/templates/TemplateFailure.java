package io.ikev2kit.templates;

/** A template that cannot be found or rendered; the message says which and where. */
public class TemplateFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TemplateFailure(String message) {
        super(message);
    }
}
