using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace Kiln.TestKit;

/// <summary>A deep, textual snapshot of an object's fields (public and private, recursively), to show that an operation changed nothing.</summary>
public static class ObjectSnapshot
{
    private const int MaxDepth = 12;

    /// <summary>Describes every field reachable from <paramref name="value"/>; doubles by their bits, delegates by their method.</summary>
    public static string Take(object? value)
    {
        var builder = new StringBuilder();
        Write(builder, value, 0, new HashSet<object>(ReferenceEqualityComparer.Instance));
        return builder.ToString();
    }

    private static void Write(StringBuilder builder, object? value, int depth, HashSet<object> visited)
    {
        switch (value)
        {
            case null:
                builder.Append("null");
                return;
            case double number:
                builder.Append(CultureInfo.InvariantCulture, $"d:{BitConverter.DoubleToInt64Bits(number):X16}");
                return;
            case float number:
                builder.Append(CultureInfo.InvariantCulture, $"f:{BitConverter.SingleToInt32Bits(number):X8}");
                return;
            case string text:
                builder.Append('"').Append(text).Append('"');
                return;
            case Delegate function:
                builder.Append("delegate:").Append(function.Method.DeclaringType?.FullName).Append('.').Append(function.Method.Name);
                return;
            case Type type:
                builder.Append("type:").Append(type.FullName);
                return;
            case Pointer or IntPtr or UIntPtr:
                builder.Append("pointer");
                return;
        }
        var runtimeType = value.GetType();
        if (runtimeType.IsPrimitive || runtimeType.IsEnum || value is decimal or DateTime or DateTimeOffset or TimeSpan or Guid)
        {
            builder.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
            return;
        }
        if (depth >= MaxDepth)
        {
            builder.Append('…');
            return;
        }
        if (!runtimeType.IsValueType && !visited.Add(value))
        {
            builder.Append("(seen)");
            return;
        }
        builder.Append(runtimeType.Name).Append('{');
        if (value is IEnumerable items and (Array or ICollection))
        {
            foreach (var item in items)
            {
                Write(builder, item, depth + 1, visited);
                builder.Append(',');
            }
        }
        for (var type = runtimeType; type is not null && type != typeof(object); type = type.BaseType)
        {
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (field.FieldType.IsPointer || field.FieldType.IsByRefLike)
                    continue;
                builder.Append(field.Name).Append('=');
                Write(builder, field.GetValue(value), depth + 1, visited);
                builder.Append(';');
            }
        }
        builder.Append('}');
    }
}
