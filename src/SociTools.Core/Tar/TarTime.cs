using System;
using System.Globalization;
using System.Text;

namespace SociTools.Core.Tar
{
    /// <summary>
    /// An instant with nanosecond precision and the UTC offset it is shown in, written as Go's
    /// <c>time.Time.MarshalText</c> does (RFC 3339, trailing fraction zeros dropped, <c>Z</c> for UTC).
    /// </summary>
    public readonly struct TarTime : IEquatable<TarTime>
    {
        private const long SecondsPerDay = 86400;
        private const long NanosPerSecond = 1_000_000_000;

        /// <summary>Go's zero <c>time.Time</c> (0001-01-01T00:00:00Z), which soci writes for a missing time.</summary>
        public static readonly TarTime GoZero = new TarTime(-62135596800, 0);

        public TarTime(long unixSeconds, int nanoseconds, int offsetMinutes = 0)
        {
            if (nanoseconds < 0 || nanoseconds >= NanosPerSecond) throw new ArgumentOutOfRangeException(nameof(nanoseconds));
            UnixSeconds = unixSeconds;
            Nanoseconds = nanoseconds;
            OffsetMinutes = offsetMinutes;
        }

        public long UnixSeconds { get; }

        public int Nanoseconds { get; }

        /// <summary>The zone offset the time is written with; builders use 0 (UTC).</summary>
        public int OffsetMinutes { get; }

        /// <summary>Go's <c>time.Unix(sec, nsec)</c>: nanoseconds outside [0, 1e9) carry into the seconds.</summary>
        public static TarTime FromUnix(long seconds, long nanoseconds)
        {
            seconds += FloorDiv(nanoseconds, NanosPerSecond);
            return new TarTime(seconds, (int)FloorMod(nanoseconds, NanosPerSecond));
        }

        public DateTimeOffset? ToDateTimeOffset()
        {
            if (UnixSeconds < -62135596800 || UnixSeconds > 253402300799) return null;
            return DateTimeOffset.FromUnixTimeSeconds(UnixSeconds).AddTicks(Nanoseconds / 100).ToOffset(TimeSpan.FromMinutes(OffsetMinutes));
        }

        /// <summary>Formats like Go's <c>MarshalText</c>; false when the year falls outside [0, 9999], where Go fails too.</summary>
        public bool TryFormat(out string text)
        {
            text = "";
            const long limit = 1_000_000_000_000_000;
            if (UnixSeconds > limit || UnixSeconds < -limit) return false;
            var local = UnixSeconds + OffsetMinutes * 60L;
            var days = FloorDiv(local, SecondsPerDay);
            var secondOfDay = FloorMod(local, SecondsPerDay);
            CivilFromDays(days, out var year, out var month, out var day);
            if (year < 0 || year > 9999) return false;
            var builder = new StringBuilder(40);
            builder.Append(year.ToString("D4", CultureInfo.InvariantCulture)).Append('-')
                .Append(month.ToString("D2", CultureInfo.InvariantCulture)).Append('-')
                .Append(day.ToString("D2", CultureInfo.InvariantCulture)).Append('T')
                .Append((secondOfDay / 3600).ToString("D2", CultureInfo.InvariantCulture)).Append(':')
                .Append((secondOfDay / 60 % 60).ToString("D2", CultureInfo.InvariantCulture)).Append(':')
                .Append((secondOfDay % 60).ToString("D2", CultureInfo.InvariantCulture));
            if (Nanoseconds != 0)
            {
                builder.Append('.').Append(Nanoseconds.ToString("D9", CultureInfo.InvariantCulture).TrimEnd('0'));
            }
            if (OffsetMinutes == 0)
            {
                builder.Append('Z');
            }
            else
            {
                var offset = Math.Abs(OffsetMinutes);
                if (offset / 60 >= 24) return false;
                builder.Append(OffsetMinutes < 0 ? '-' : '+')
                    .Append((offset / 60).ToString("D2", CultureInfo.InvariantCulture)).Append(':')
                    .Append((offset % 60).ToString("D2", CultureInfo.InvariantCulture));
            }
            text = builder.ToString();
            return true;
        }

        /// <summary>Parses RFC 3339 as Go's <c>UnmarshalText</c> accepts it; false on anything else.</summary>
        public static bool TryParse(string text, out TarTime time)
        {
            time = default;
            if (text.Length < 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':') return false;
            if (!Digits(text, 0, 4, out var year) || !Digits(text, 5, 2, out var month) || !Digits(text, 8, 2, out var day)
                || !Digits(text, 11, 2, out var hour) || !Digits(text, 14, 2, out var minute) || !Digits(text, 17, 2, out var second)) return false;
            if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return false;
            var position = 19;
            long nanos = 0;
            if (text[position] == '.' || text[position] == ',')
            {
                var start = ++position;
                while (position < text.Length && text[position] >= '0' && text[position] <= '9') position++;
                var digits = position - start;
                if (digits == 0 || digits > 9) return false;
                nanos = long.Parse(text.Substring(start, digits), CultureInfo.InvariantCulture);
                for (var i = digits; i < 9; i++) nanos *= 10;
            }
            var offsetMinutes = 0;
            var zone = text.Substring(position);
            if (zone != "Z")
            {
                if (zone.Length != 6 || (zone[0] != '+' && zone[0] != '-') || zone[3] != ':'
                    || !Digits(zone, 1, 2, out var offsetHours) || !Digits(zone, 4, 2, out var offsetMins)
                    || offsetHours > 23 || offsetMins > 59) return false;
                offsetMinutes = (offsetHours * 60 + offsetMins) * (zone[0] == '-' ? -1 : 1);
            }
            var local = DaysFromCivil(year, month, day) * SecondsPerDay + hour * 3600L + minute * 60L + second;
            time = new TarTime(local - offsetMinutes * 60L, (int)nanos, offsetMinutes);
            return true;
        }

        public override string ToString() => TryFormat(out var text) ? text : $"{UnixSeconds}.{Nanoseconds:D9}s since 1970 (out of range)";

        public bool Equals(TarTime other) => UnixSeconds == other.UnixSeconds && Nanoseconds == other.Nanoseconds && OffsetMinutes == other.OffsetMinutes;

        public override bool Equals(object? obj) => obj is TarTime other && Equals(other);

        public override int GetHashCode() => UnixSeconds.GetHashCode() ^ Nanoseconds ^ (OffsetMinutes << 20);

        public static bool operator ==(TarTime left, TarTime right) => left.Equals(right);

        public static bool operator !=(TarTime left, TarTime right) => !left.Equals(right);

        private static bool Digits(string text, int start, int count, out int value)
        {
            value = 0;
            for (var i = start; i < start + count; i++)
            {
                var c = text[i];
                if (c < '0' || c > '9') return false;
                value = value * 10 + (c - '0');
            }
            return true;
        }

        private static int DaysInMonth(int year, int month) =>
            month == 2 ? (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28)
            : (month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31);

        private static long FloorDiv(long a, long b) => a / b - ((a % b != 0 && (a < 0) != (b < 0)) ? 1 : 0);

        private static long FloorMod(long a, long b) => a - FloorDiv(a, b) * b;

        // Proleptic Gregorian day counts (Howard Hinnant's civil calendar algorithms).
        private static long DaysFromCivil(long year, int month, int day)
        {
            year -= month <= 2 ? 1 : 0;
            var era = FloorDiv(year, 400);
            var yearOfEra = year - era * 400;
            var dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
            var dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
            return era * 146097 + dayOfEra - 719468;
        }

        private static void CivilFromDays(long days, out long year, out int month, out int day)
        {
            days += 719468;
            var era = FloorDiv(days, 146097);
            var dayOfEra = days - era * 146097;
            var yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
            var dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
            var monthPart = (5 * dayOfYear + 2) / 153;
            day = (int)(dayOfYear - (153 * monthPart + 2) / 5 + 1);
            month = (int)(monthPart < 10 ? monthPart + 3 : monthPart - 9);
            year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        }
    }
}
