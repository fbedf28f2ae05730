using Kiln.Reporting.Rendering;

namespace Kiln.Reporting.Tests.Rendering;

public sealed class FormatsTests
{
    [Theory]
    [InlineData(0.95, "0.9500")]
    [InlineData(0.987654, "0.9877")]
    [InlineData(-0.5, "-0.5000")]
    [InlineData(12.3456, "12.35")]
    [InlineData(1234.4, "1234")]
    [InlineData(2008.03, "2008")]
    [InlineData(123456.7, "123,457")]
    [InlineData(9.99996, "10.00")]
    [InlineData(0.00012344, "0.0001234")]
    [InlineData(0.00001234, "1.234e-05")]
    [InlineData(2.5e9, "2.500e+09")]
    [InlineData(0.0, "0")]
    [InlineData(double.NaN, "\u2014")]
    [InlineData(double.PositiveInfinity, "\u221E")]
    public void Number_Value_HasFourSignificantDigits(double value, string expected) => Assert.Equal(expected, Formats.Number(value));

    [Theory]
    [InlineData(0L, "0")]
    [InlineData(999L, "999")]
    [InlineData(1234567L, "1,234,567")]
    [InlineData(-12000L, "-12,000")]
    public void Count_Value_HasThousandsSeparators(long value, string expected) => Assert.Equal(expected, Formats.Count(value));

    [Theory]
    [InlineData(0.1234, "12.3%")]
    [InlineData(0.0001, "<0.1%")]
    [InlineData(0.0, "0%")]
    [InlineData(1.0, "100%")]
    [InlineData(double.NaN, "\u2014")]
    public void Share_Fraction_IsPercentWithOneDecimal(double fraction, string expected) => Assert.Equal(expected, Formats.Share(fraction));

    [Fact]
    public void CountWithShare_PositiveTotal_AddsPercent() => Assert.Equal("7 (2.0%)", Formats.CountWithShare(7, 344));

    [Fact]
    public void MeanStd_BothKnown_JoinsWithPlusMinus() => Assert.Equal("0.9875 \u00B1 0.0102", Formats.MeanStd(0.9875, 0.0102));

    [Theory]
    [InlineData(0.4417, 0.0031, "0.4417 \u00B1 0.0031")]
    [InlineData(77.21, 3.12, "77.21 \u00B1 3.12")]
    [InlineData(0.3333, 0.0, "0.3333 \u00B1 0.0000")]
    [InlineData(1234.0, 0.31, "1234 \u00B1 0.31")]
    [InlineData(-0.0102, 0.0093, "-0.01020 \u00B1 0.00930")]
    public void MeanStd_Deviation_HasTheMeansDecimals(double mean, double deviation, string expected) =>
        Assert.Equal(expected, Formats.MeanStd(mean, deviation));

    [Theory]
    [InlineData(0.30000000000000004, "0.3")]
    [InlineData(2008.0, "2008")]
    [InlineData(25000.0, "25,000")]
    [InlineData(-0.0, "0")]
    public void Tick_Value_IsShortest(double value, string expected) => Assert.Equal(expected, Formats.Tick(value));

    [Fact]
    public void MeanStd_DeviationMissing_ShowsMeanOnly() => Assert.Equal("0.9875", Formats.MeanStd(0.9875, double.NaN));

    [Theory]
    [InlineData(0.42, "0.42 s")]
    [InlineData(12.34, "12.3 s")]
    [InlineData(83.4, "1 min 23 s")]
    [InlineData(7380.0, "2 h 03 min")]
    public void Duration_Seconds_ReadsForPeople(double seconds, string expected) =>
        Assert.Equal(expected, Formats.Duration(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Instant_AnyOffset_IsWrittenInUtc() =>
        Assert.Equal("2025-03-14 07:26:53 UTC", Formats.Instant(new DateTimeOffset(2025, 3, 14, 9, 26, 53, TimeSpan.FromHours(2))));
}
