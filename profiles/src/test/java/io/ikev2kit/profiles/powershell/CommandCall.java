package io.ikev2kit.profiles.powershell;

import java.util.List;
import java.util.Optional;

/**
 * One command invocation as the grammar read it. A {@code -Name} takes the next argument as its value unless a
 * parameter or the end follows, in which case it is a switch: the grammar cannot know which parameters a cmdlet
 * declares as switches, so {@code -Force positional} reads as {@code Force=positional}. Names compare
 * case-insensitively, as PowerShell does; abbreviated parameter names ({@code -Tunnel}) are not expanded.
 *
 * @param invocationOperator {@code &} or {@code .} when the command was invoked through one, else null
 * @param splats             names of splatted variables, {@code @route} gives {@code route}
 */
public record CommandCall(String name, String invocationOperator, int line, List<Parameter> parameters,
                          List<Argument> arguments, List<String> splats) {

    public CommandCall {
        parameters = List.copyOf(parameters);
        arguments = List.copyOf(arguments);
        splats = List.copyOf(splats);
    }

    /** {@code -Name value}, {@code -Name:value} or, with a null value, {@code -Name} alone. */
    public record Parameter(String name, String value, ValueKind valueKind, String text, int line) {
        public boolean isSwitch() {
            return valueKind == ValueKind.SWITCH;
        }
    }

    /** A positional argument. */
    public record Argument(String value, ValueKind valueKind, String text) {
    }

    public Optional<Parameter> parameter(String parameterName) {
        return parameters.stream().filter(p -> p.name().equalsIgnoreCase(parameterName)).findFirst();
    }

    public boolean hasParameter(String parameterName) {
        return parameter(parameterName).isPresent();
    }

    /** The value given to {@code -parameterName}; fails with what the call has instead when it is absent or a switch. */
    public String value(String parameterName) {
        Parameter p = parameter(parameterName)
                .orElseThrow(() -> new AssertionError(this + " has no -" + parameterName));
        if (p.isSwitch()) {
            throw new AssertionError(this + ": -" + parameterName + " is a switch without a value");
        }
        return p.value();
    }

    /** True for {@code -Force} and {@code -Force:$true}; false when absent or {@code -Force:$false}. */
    public boolean hasSwitch(String parameterName) {
        return parameter(parameterName)
                .map(p -> p.isSwitch() || p.value().equalsIgnoreCase("$true"))
                .orElse(false);
    }

    public List<String> parameterNames() {
        return parameters.stream().map(Parameter::name).toList();
    }

    @Override
    public String toString() {
        return name + " (line " + line + ") with " + parameters.stream().map(Parameter::text).toList()
                + (arguments.isEmpty() ? "" : " args " + arguments.stream().map(Argument::text).toList())
                + (splats.isEmpty() ? "" : " splats " + splats);
    }
}
