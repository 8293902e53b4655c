print("nothing runs")
for i in range(3)
    print(i)
