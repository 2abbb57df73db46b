<?hh
// A date calculator on plain ints: leap years, days in month, day-of-week
// (Zeller and a day-number algorithm must agree), day-of-year, days between
// dates, adding days, ISO-like formatting with sprintf, and a month calendar.

function is_leap(int $y): bool {
  return ($y % 4 === 0 && $y % 100 !== 0) || $y % 400 === 0;
}

function days_in_month(int $y, int $m): int {
  switch ($m) {
    case 2:
      return is_leap($y) ? 29 : 28;
    case 4:
    case 6:
    case 9:
    case 11:
      return 30;
    default:
      return 31;
  }
}

// days since 1970-01-01 (civil-from-days inverse, Howard Hinnant's algorithm)
function days_from_civil(int $y, int $m, int $d): int {
  $y -= $m <= 2 ? 1 : 0;
  $era = intdiv($y >= 0 ? $y : $y - 399, 400);
  $yoe = $y - $era * 400;
  $mp = ($m + 9) % 12;
  $doy = intdiv(153 * $mp + 2, 5) + $d - 1;
  $doe = $yoe * 365 + intdiv($yoe, 4) - intdiv($yoe, 100) + $doy;
  return $era * 146097 + $doe - 719468;
}

function civil_from_days(int $z): string {
  $z += 719468;
  $era = intdiv($z >= 0 ? $z : $z - 146096, 146097);
  $doe = $z - $era * 146097;
  $yoe = intdiv($doe - intdiv($doe, 1460) + intdiv($doe, 36524) - intdiv($doe, 146096), 365);
  $y = $yoe + $era * 400;
  $doy = $doe - (365 * $yoe + intdiv($yoe, 4) - intdiv($yoe, 100));
  $mp = intdiv(5 * $doy + 2, 153);
  $d = $doy - intdiv(153 * $mp + 2, 5) + 1;
  $m = $mp < 10 ? $mp + 3 : $mp - 9;
  return sprintf("%04d-%02d-%02d", $m <= 2 ? $y + 1 : $y, $m, $d);
}

function zeller(int $y, int $m, int $d): int {
  // 0 = Saturday .. 6 = Friday
  if ($m < 3) {
    $m += 12;
    $y--;
  }
  $k = $y % 100;
  $j = intdiv($y, 100);
  return ($d + intdiv(13 * ($m + 1), 5) + $k + intdiv($k, 4) + intdiv($j, 4) + 5 * $j) % 7;
}

function weekday_name(int $mon0): string {
  return substr("MonTueWedThuFriSatSun", $mon0 * 3, 3);
}

function weekday(int $y, int $m, int $d): int {
  // 0 = Monday; 1970-01-01 was a Thursday
  $r = (days_from_civil($y, $m, $d) + 3) % 7;
  return $r < 0 ? $r + 7 : $r;
}

<<__EntryPoint>>
function main(): void {
  $leaps = "";
  for ($y = 1896; $y <= 2024; $y += 4) {
    if (!is_leap($y)) {
      $leaps .= $y." ";
    }
  }
  echo "non-leap multiples of 4: ", $leaps, "; 2000 leap? ", is_leap(2000) ? "yes" : "no", "\n";
  $dates = "1970-01-01 2000-02-29 1969-07-20 2024-12-25 1900-03-01 2038-01-19 1600-01-01";
  $agree = 0;
  for ($i = 0; $i < strlen($dates); $i += 11) {
    $y = (int)substr($dates, $i, 4);
    $m = (int)substr($dates, $i + 5, 2);
    $d = (int)substr($dates, $i + 8, 2);
    $days = days_from_civil($y, $m, $d);
    $wd = weekday($y, $m, $d);
    if (zeller($y, $m, $d) === ($wd + 2) % 7) {
      $agree++;
    }
    $doy = $d;
    for ($mm = 1; $mm < $m; $mm++) {
      $doy += days_in_month($y, $mm);
    }
    echo sprintf("%04d-%02d-%02d day#%6d %s doy=%3d back=%s", $y, $m, $d, $days, weekday_name($wd), $doy, civil_from_days($days)), "\n";
  }
  echo "zeller agrees ", $agree, " times\n";
  $a = days_from_civil(1969, 7, 20);
  $b = days_from_civil(2024, 7, 20);
  echo "days from moon landing to 55th anniversary: ", $b - $a, " (", intdiv($b - $a, 7), " weeks ", ($b - $a) % 7, " days)\n";
  echo "2024-01-31 + 30 days = ", civil_from_days(days_from_civil(2024, 1, 31) + 30), "; + 366 = ", civil_from_days(days_from_civil(2024, 1, 31) + 366), "\n";
  echo "1 billion seconds after epoch: ", civil_from_days(intdiv(1000000000, 86400)), sprintf(" %02d:%02d:%02d", intdiv(1000000000 % 86400, 3600), intdiv(1000000000 % 3600, 60), 1000000000 % 60), "\n";
  // calendar for February 2024
  echo "     February 2024\n Mo Tu We Th Fr Sa Su\n";
  $first = weekday(2024, 2, 1);
  $line = str_repeat("   ", $first);
  $col = $first;
  for ($d = 1; $d <= days_in_month(2024, 2); $d++) {
    $line .= sprintf("%3d", $d);
    $col++;
    if ($col === 7) {
      echo $line, "\n";
      $line = "";
      $col = 0;
    }
  }
  if ($line !== "") {
    echo $line, "\n";
  }
}
